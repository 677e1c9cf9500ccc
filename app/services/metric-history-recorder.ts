import type { WSEvent, WSEventData } from '@ark-asa/contracts';
import { MAINTENANCE_EVERY_MS } from '../domain/metric-history-policy.ts';
import type { Logger } from '../logger.ts';
import type { MetricHistoryRepo, MetricSampleInput } from '../store/metric-history-repo.ts';
import type { MetricHistoryService } from './metric-history-service.ts';

type Heartbeat = WSEventData<'agent:heartbeat'>;

export interface RecorderDeps {
  repo: MetricHistoryRepo;
  history: MetricHistoryService;
  logger: Logger;
  subscribe: (listener: (event: WSEvent) => void) => () => void;
}

/** A heartbeat as history samples: the host, then each server it runs. */
export function heartbeatSamples(h: Heartbeat): MetricSampleInput[] {
  return [
    {
      kind: 'host',
      id: h.agentId,
      cpuPercent: h.metrics.cpuPercent,
      memoryBytes: h.metrics.memoryUsedBytes,
      memoryTotalBytes: h.metrics.memoryTotalBytes,
    },
    ...h.instances.map((i): MetricSampleInput => ({
      kind: 'instance',
      id: i.instanceId,
      cpuPercent: i.cpuPercent,
      memoryBytes: i.memoryBytes,
      players: i.playersOnline,
    })),
  ];
}

/**
 * Writes every heartbeat into the history and keeps the history bounded. The bus calls listeners
 * synchronously while the agent publishes, so the write waits for the next turn of the event loop:
 * clients hear of the heartbeat first, and a slow disk never delays the publisher.
 */
export class MetricHistoryRecorder {
  private unsubscribe: (() => void) | null = null;
  private nextMaintenanceMs = 0;

  constructor(private readonly deps: RecorderDeps) {}

  start(): void {
    this.unsubscribe ??= this.deps.subscribe((event) => {
      if (event.event === 'agent:heartbeat') {
        const data = event.data;
        setImmediate(() => this.guard(() => this.record(data)));
      } else if (event.event === 'instance:deleted') {
        const id = event.data.instanceId;
        setImmediate(() => this.guard(() => this.deps.repo.deleteSubject('instance', id)));
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** One heartbeat: one transaction of inserts; every few minutes also roll-up and prune. */
  record(h: Heartbeat): void {
    const atMs = Date.parse(h.timestamp);
    this.deps.repo.record(atMs, heartbeatSamples(h));
    // Driven by the heartbeats' own time (not a timer): nothing to maintain while nothing records.
    if (atMs >= this.nextMaintenanceMs) {
      this.nextMaintenanceMs = atMs + MAINTENANCE_EVERY_MS;
      this.deps.history.maintain(atMs);
    }
  }

  private guard(work: () => void): void {
    try {
      work();
    } catch (err) {
      this.deps.logger.error({ err }, 'recording metric history failed');
    }
  }
}
