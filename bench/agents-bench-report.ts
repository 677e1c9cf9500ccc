/** Figures of the agents bench: medians over rounds, ratios to the baseline case taken within each round. */
import type { Comparison } from './agents-bench-args.ts';
import type { CaseRun } from './agents-bench-run.ts';

export interface CaseSummary {
  key: string;
  agents: number;
  rate: number;
  servers: number;
  /** Sums over the rounds. */
  sent: number;
  delivered: number;
  /** Agents the control plane cut off during a case, summed over the rounds. */
  cut: number;
  eventsPerSec: number;
  cpuPerSec: number | null;
  idleCpuPerSec: number | null;
  connectedCpuPerSec: number | null;
  /** Control plane CPU per event sent: all of it / above its level with the agents connected and no events. */
  cpuUsPerEvent: number | null;
  netCpuUsPerEvent: number | null;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  runqWaitPerSec: number | null;
  benchCpuPerSec: number;
  heartbeatsPerSec: number;
  /** The longest over the rounds. */
  benchLagMaxMs: number;
  probeMaxMs: number;
}

/** One case against another, e.g. 20 agents against 1 at the same per-server rate. */
export interface Ratios extends Comparison {
  cpuPerEvent: number | null;
  netCpuPerEvent: number | null;
  cpuPerSec: number | null;
  p50: number;
  p99: number;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
const medianOrNull = (v: (number | null)[]): number | null =>
  v.some((x) => x === null) ? null : median(v as number[]);

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : Number.NaN;
}

/** The per-run figures every summary and ratio is made of. */
function figures(run: CaseRun) {
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  const eventsPerSec = run.sent / run.wallSec;
  const perEvent = (cpu: number | null) => (cpu === null ? null : (cpu * 1e6) / eventsPerSec);
  const net = run.cpuPerSec === null || run.connectedCpuPerSec === null ? null : run.cpuPerSec - run.connectedCpuPerSec;
  return {
    eventsPerSec,
    cpuUsPerEvent: perEvent(run.cpuPerSec),
    netCpuUsPerEvent: perEvent(net),
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}

export function summarise(runs: CaseRun[]): CaseSummary {
  const f = runs.map(figures);
  return {
    key: runs[0]!.key,
    agents: runs[0]!.agents,
    rate: runs[0]!.rate,
    servers: runs[0]!.servers,
    sent: runs.reduce((n, r) => n + r.sent, 0),
    delivered: runs.reduce((n, r) => n + r.delivered, 0),
    cut: runs.reduce((n, r) => n + r.cut.length, 0),
    eventsPerSec: median(f.map((x) => x.eventsPerSec)),
    cpuPerSec: medianOrNull(runs.map((r) => r.cpuPerSec)),
    idleCpuPerSec: medianOrNull(runs.map((r) => r.idleCpuPerSec)),
    connectedCpuPerSec: medianOrNull(runs.map((r) => r.connectedCpuPerSec)),
    cpuUsPerEvent: medianOrNull(f.map((x) => x.cpuUsPerEvent)),
    netCpuUsPerEvent: medianOrNull(f.map((x) => x.netCpuUsPerEvent)),
    p50Ms: median(f.map((x) => x.p50Ms)),
    p99Ms: median(f.map((x) => x.p99Ms)),
    maxMs: Math.max(...f.map((x) => x.maxMs)),
    runqWaitPerSec: medianOrNull(runs.map((r) => r.runqWaitPerSec)),
    benchCpuPerSec: median(runs.map((r) => r.benchCpuPerSec)),
    heartbeatsPerSec: median(runs.map((r) => r.heartbeats / r.wallSec)),
    benchLagMaxMs: Math.max(...runs.map((r) => r.benchLagMaxMs)),
    probeMaxMs: Math.max(...runs.map((r) => r.probeMaxMs)),
  };
}

const divide = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a / b);

/** `rounds[r]` holds one run per case; each ratio is taken within a round (`of` ÷ `against`), then the median. */
export function ratioOf(rounds: CaseRun[][], { of, against, title }: Comparison): Ratios {
  const per = rounds.map((round) => {
    const base = round.find((r) => r.key === against)!;
    const run = round.find((r) => r.key === of)!;
    const [fb, fr] = [figures(base), figures(run)];
    return {
      cpuPerEvent: divide(fr.cpuUsPerEvent, fb.cpuUsPerEvent),
      netCpuPerEvent: divide(fr.netCpuUsPerEvent, fb.netCpuUsPerEvent),
      cpuPerSec: divide(run.cpuPerSec, base.cpuPerSec),
      p50: fr.p50Ms / fb.p50Ms,
      p99: fr.p99Ms / fb.p99Ms,
    };
  });
  return {
    of,
    against,
    title,
    cpuPerEvent: medianOrNull(per.map((p) => p.cpuPerEvent)),
    netCpuPerEvent: medianOrNull(per.map((p) => p.netCpuPerEvent)),
    cpuPerSec: medianOrNull(per.map((p) => p.cpuPerSec)),
    p50: median(per.map((p) => p.p50)),
    p99: median(per.map((p) => p.p99)),
  };
}
