/** Medians over the repeated runs, the hub/baseline ratio, the verdict, and the printed tables. */
import type { RunResult } from './ws-bench-run.ts';
import type { PathId } from './ws-bench-server.ts';

export const PRODUCT_PATH: PathId = 'hub-bus';
export const BASELINE_PATH: PathId = 'bare-once';
export const TARGET_CLIENTS = 100;
export const TARGET_RATIO = 0.8;

export interface PathSummary {
  path: PathId;
  label: string;
  /** Medians over the runs, metric by metric; `dropped` is the maximum instead. */
  median: RunResult;
  /** Median over repetitions of (this path's events/s ÷ the baseline's in the same repetition). */
  vsBaseline: number;
  /** Same pairing, of server CPU per frame (baseline ÷ this path): > 1 means cheaper than the baseline. */
  cpuVsBaseline: number;
  runs: RunResult[];
}

export interface ClientsSummary {
  clients: number;
  events: number;
  frameBytes: number;
  paths: PathSummary[];
  /** hub-bus ÷ bare-once, paired per repetition, median. */
  ratio: number;
  /** hub-bus's per-repetition ratios, lowest to highest: how much the machine disturbed the runs. */
  ratioRange: [number, number];
  cpuRatio: number;
  dropped: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function medianRun(path: PathId, runs: RunResult[]): RunResult {
  const m = (pick: (r: RunResult) => number): number => median(runs.map(pick));
  return {
    path,
    eventsPerSec: m((r) => r.eventsPerSec),
    framesPerSec: m((r) => r.framesPerSec),
    p50Ms: m((r) => r.p50Ms),
    p99Ms: m((r) => r.p99Ms),
    maxMs: m((r) => r.maxMs),
    cpuUsPerFrame: m((r) => r.cpuUsPerFrame),
    clientCpuUsPerFrame: m((r) => r.clientCpuUsPerFrame),
    windowStalls: m((r) => r.windowStalls),
    maxBufferedKiB: Math.max(...runs.map((r) => r.maxBufferedKiB)),
    dropped: Math.max(...runs.map((r) => r.dropped)),
  };
}

/** `reps[i]` holds one run of every path, measured back to back, so ratios are taken within it. */
export function summarise(
  clients: number,
  events: number,
  frameBytes: number,
  labels: Map<PathId, string>,
  reps: RunResult[][],
): ClientsSummary {
  const of = (path: PathId, rep: RunResult[]): RunResult => rep.find((r) => r.path === path)!;
  const paired = (path: PathId, f: (r: RunResult, base: RunResult) => number): number[] =>
    reps.map((rep) => f(of(path, rep), of(BASELINE_PATH, rep)));
  const rateRatios = (path: PathId): number[] => paired(path, (r, base) => r.eventsPerSec / base.eventsPerSec);
  const paths = [...labels].map(([path, label]): PathSummary => {
    const runs = reps.map((rep) => of(path, rep));
    const vsBaseline = median(rateRatios(path));
    const cpuVsBaseline = median(paired(path, (r, base) => base.cpuUsPerFrame / r.cpuUsPerFrame));
    return { path, label, median: medianRun(path, runs), vsBaseline, cpuVsBaseline, runs };
  });
  const product = paths.find((p) => p.path === PRODUCT_PATH)!;
  const ratios = rateRatios(PRODUCT_PATH);
  const dropped = Math.max(...paths.map((p) => p.median.dropped));
  return {
    clients,
    events,
    frameBytes,
    paths,
    ratio: product.vsBaseline,
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    cpuRatio: product.cpuVsBaseline,
    dropped,
  };
}

export interface Verdict {
  evaluated: boolean;
  pass: boolean;
  text: string;
}

export function verdict(all: ClientsSummary[]): Verdict {
  const dropped = all.reduce((n, s) => n + s.dropped, 0);
  const drops = dropped > 0 ? `; ${dropped} client(s) were dropped` : '';
  const at = all.find((s) => s.clients === TARGET_CLIENTS);
  if (!at) {
    const text = `target not evaluated: --clients does not include ${TARGET_CLIENTS}${drops}`;
    return { evaluated: false, pass: dropped === 0, text };
  }
  const pass = at.ratio >= TARGET_RATIO && dropped === 0;
  const what = `at ${TARGET_CLIENTS} clients the hub (bus.publish -> WsHub) delivers ${x(at.ratio)} the bare stringify-once loop`;
  return { evaluated: true, pass, text: `${pass ? 'PASS' : 'FAIL'}: ${what} (target >= ${TARGET_RATIO}x)${drops}` };
}

/** A ratio for printing; n/a when a path delivered nothing (every client dropped). */
const x = (n: number): string => (Number.isFinite(n) && n > 0 ? `${n.toFixed(2)}x` : 'n/a');
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatTable(s: ClientsSummary, repeat: number): string {
  const head = [
    'path',
    'events/s',
    'frames/s',
    'p50 ms',
    'p99 ms',
    'CPU us/frame',
    'client CPU',
    'max buf KiB',
    'dropped',
    'rate vs base',
    'CPU vs base',
  ];
  const rows = s.paths.map((p) => {
    const r = p.median;
    const rates = [r.eventsPerSec, r.framesPerSec].map((n) => fmt(n));
    const cpu = [r.p50Ms, r.p99Ms, r.cpuUsPerFrame, r.clientCpuUsPerFrame].map((n) => fmt(n, 2));
    const ratios = [p.vsBaseline, p.cpuVsBaseline].map(x);
    return [p.label, ...rates, ...cpu, fmt(r.maxBufferedKiB, 1), String(r.dropped), ...ratios];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const stalls = Math.max(...s.paths.map((p) => p.median.windowStalls));
  const [lo, hi] = s.ratioRange;
  return [
    `M = ${s.clients} clients, ${fmt(s.events)} events per run, ${s.frameBytes} B per frame, median of ${repeat} runs`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    `ratio hub(bus.publish -> WsHub) / baseline(bare ws, stringify once): ${x(s.ratio)} events/s ` +
      `(per-run ${lo.toFixed(2)}..${hi.toFixed(2)}), ${x(s.cpuRatio)} by server CPU per frame`,
    ...(hi / lo > 1.25
      ? ['  note: the runs disagree by more than 25%; the machine was busy, re-run or raise --repeat']
      : []),
    ...(stalls > 0 ? [`  note: the publisher waited for the clients (window full) up to ${stalls} times per run`] : []),
  ].join('\n');
}
