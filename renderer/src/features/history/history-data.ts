import type { MetricHistory, MetricPoint, MetricRange, MetricSubject, WSEventData } from '@ark-asa/contracts';
import { bytes, percent } from '../../components/format.ts';

export type MetricKind = 'cpu' | 'memory' | 'players';

/** uPlot's columns: x in seconds since the epoch, y with null where there is no sample (a gap). */
export interface ChartSeries {
  x: number[];
  y: (number | null)[];
}

export const RANGES: { value: MetricRange; label: string }[] = [
  { value: '1h', label: '1 h' },
  { value: '24h', label: '24 h' },
  { value: '7d', label: '7 d' },
  { value: '30d', label: '30 d' },
];

const RANGE_SEC: Record<MetricRange, number> = { '1h': 3600, '24h': 86_400, '7d': 604_800, '30d': 2_592_000 };

const valueOf = (kind: MetricKind, p: MetricPoint): number | null =>
  kind === 'cpu' ? p.cpuPercent : kind === 'memory' ? p.memoryBytes : (p.players ?? null);

/**
 * The points of one metric, with a null inserted wherever more than two points' width passes
 * without a sample, so the line breaks while a server was off instead of bridging the hours.
 */
export function toSeries(history: MetricHistory, kind: MetricKind): ChartSeries {
  const x: number[] = [];
  const y: (number | null)[] = [];
  const gap = history.resolutionSec * 2.5;
  let previous: number | null = null;
  for (const p of history.points) {
    const t = Date.parse(p.t) / 1000;
    if (previous !== null && t - previous > gap) {
      x.push(previous + history.resolutionSec);
      y.push(null);
    }
    x.push(t);
    y.push(valueOf(kind, p));
    previous = t;
  }
  return { x, y };
}

/** A heartbeat as the point of one subject, or null when it does not carry that subject. */
export function heartbeatPoint(
  subject: MetricSubject,
  id: string,
  h: WSEventData<'agent:heartbeat'>,
): MetricPoint | null {
  if (subject === 'host') {
    if (h.agentId !== id) return null;
    const m = h.metrics;
    return {
      t: h.timestamp,
      cpuPercent: m.cpuPercent,
      cpuMaxPercent: m.cpuPercent,
      memoryBytes: m.memoryUsedBytes,
      memoryMaxBytes: m.memoryUsedBytes,
      memoryTotalBytes: m.memoryTotalBytes,
    };
  }
  const i = h.instances.find((s) => s.instanceId === id);
  if (!i) return null;
  return {
    t: h.timestamp,
    cpuPercent: i.cpuPercent,
    cpuMaxPercent: i.cpuPercent,
    memoryBytes: i.memoryBytes,
    memoryMaxBytes: i.memoryBytes,
    players: i.playersOnline,
    playersMax: i.playersOnline,
  };
}

/** Appends a live point to a full-resolution history and drops what left the range. */
export function appendPoint(history: MetricHistory, point: MetricPoint): MetricHistory {
  const last = history.points.at(-1);
  if (last && Date.parse(last.t) >= Date.parse(point.t)) return history;
  const from = Date.parse(point.t) - RANGE_SEC[history.range] * 1000;
  return { ...history, points: [...history.points.filter((p) => Date.parse(p.t) >= from), point] };
}

/** The top of the y axis: CPU is a percentage, memory fills up to the host's total when known. */
export function yMax(kind: MetricKind, history: MetricHistory): number | null {
  if (kind === 'cpu') return 100;
  if (kind === 'memory') return history.points.find((p) => p.memoryTotalBytes)?.memoryTotalBytes ?? null;
  return null;
}

export function formatValue(kind: MetricKind, v: number | null | undefined): string {
  if (kind === 'cpu') return percent(v);
  if (kind === 'memory') return bytes(v);
  return v === null || v === undefined ? '—' : String(Math.round(v * 10) / 10);
}
