import type { MetricHistory, MetricPoint, MetricRange, MetricSubject } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import type { Clock } from '../domain/clock.ts';
import { HISTORY_TIERS, RANGE_PLANS } from '../domain/metric-history-policy.ts';
import type { MetricPointRecord } from '../store/metric-history-repo.ts';
import type { Store } from '../store/index.ts';

export interface MetricHistoryDeps {
  store: Pick<Store, 'metricHistory' | 'instances' | 'agents'>;
  clock: Clock;
  /** Width of a raw point: the heartbeat interval. */
  heartbeatIntervalSec: () => number;
}

const toPoint = (subject: MetricSubject, p: MetricPointRecord): MetricPoint => ({
  t: new Date(p.t).toISOString(),
  cpuPercent: p.cpuAvg,
  cpuMaxPercent: p.cpuMax,
  memoryBytes: p.memoryAvg,
  memoryMaxBytes: p.memoryMax,
  ...(subject === 'host'
    ? { memoryTotalBytes: p.memoryTotal }
    : { players: p.playersAvg, playersMax: p.playersMax === null ? null : Math.round(p.playersMax) }),
});

/** Reads the CPU, memory and player history of hosts and servers (docs/history.md). */
export class MetricHistoryService {
  /** Per tier, the last bucket boundary maintain() acted on. */
  private readonly lastEnded = new Map<number, number>();

  constructor(private readonly deps: MetricHistoryDeps) {}

  history(subject: MetricSubject, id: string, range: MetricRange): MetricHistory {
    const { store, clock } = this.deps;
    if (subject === 'instance' && !store.instances.get(id)) throw AppError.notFound('Instance', id);
    if (subject === 'host' && !store.agents.get(id)) throw AppError.notFound('Agent', id);
    const plan = RANGE_PLANS[range];
    const rows = store.metricHistory.series({
      kind: subject,
      id,
      fromMs: clock.now().getTime() - plan.spanMs,
      tier: plan.tier,
      bucketMs: plan.bucketMs ?? 1,
    });
    const resolutionSec = plan.bucketMs === null ? this.deps.heartbeatIntervalSec() : plan.bucketMs / 1000;
    return { subject, id, range, resolutionSec, points: rows.map((r) => toPoint(subject, r)) };
  }

  /**
   * Rolls finished buckets up into the coarser tiers, then drops what each tier keeps no longer.
   * A coarse tier has work only once one of its buckets has ended: an hourly tier is visited hourly.
   */
  maintain(nowMs: number): void {
    const repo = this.deps.store.metricHistory;
    for (const tier of HISTORY_TIERS) {
      const ended = tier.resolutionSec === 0 ? nowMs : Math.floor(nowMs / (tier.resolutionSec * 1000));
      if (this.lastEnded.get(tier.resolutionSec) === ended) continue;
      this.lastEnded.set(tier.resolutionSec, ended);
      if (tier.rolledFrom !== null) repo.rollUp(tier.rolledFrom, tier.resolutionSec, nowMs);
      repo.prune(tier.resolutionSec, nowMs - tier.keepMs);
    }
  }
}
