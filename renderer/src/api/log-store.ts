import type { LogEntry } from '@ark-asa/contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { call } from './http.ts';

const MAX_LINES = 5000;

/** Strictly increasing seqs, all after `last`: the usual live case, merged by a plain concat. */
function follows(entries: readonly LogEntry[], last: number): boolean {
  let prev = last;
  for (const e of entries) {
    if (e.seq <= prev) return false;
    prev = e.seq;
  }
  return true;
}

/**
 * `lines` with `entries` merged in, in seq order, each seq once, the newest `max` kept; the same
 * array when nothing is new (so a reload racing live lines is harmless and renders nothing).
 */
export function mergeLines(
  lines: readonly LogEntry[],
  entries: readonly LogEntry[],
  max = MAX_LINES,
): readonly LogEntry[] {
  let next: LogEntry[];
  if (follows(entries, lines.at(-1)?.seq ?? -1)) {
    if (entries.length === 0) return lines;
    next = lines.concat(entries);
  } else {
    const bySeq = new Map(lines.map((e) => [e.seq, e]));
    const before = bySeq.size;
    for (const e of entries) if (!bySeq.has(e.seq)) bySeq.set(e.seq, e);
    if (bySeq.size === before) return lines;
    next = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
  return next.length > max ? next.slice(next.length - max) : next;
}

/**
 * The console's lines per instance: the stored tail loaded over REST once, then every
 * `instance:log` event appended (deduplicated by seq, so a reload racing live lines is harmless).
 * Live lines wait in a queue that is merged when the lines are read, at most once a frame: merging
 * each line as it came copied up to 5,000 lines per line, which a server writing fast made the
 * console's main cost.
 */
class InstanceLog {
  private merged: readonly LogEntry[] = [];
  private pending: LogEntry[] = [];
  version = 0;
  loaded = false;
  private loading: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly instanceId: string) {}

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  /** Oldest → newest, at most 5,000; a new array whenever lines were added since the last read. */
  get lines(): readonly LogEntry[] {
    if (this.pending.length > 0) {
      const queued = this.pending;
      this.pending = [];
      this.merged = mergeLines(this.merged, queued);
    }
    return this.merged;
  }

  /** One live line: queued; listeners hear once until the queue is read. */
  push(entry: LogEntry): void {
    this.pending.push(entry);
    if (this.pending.length === 1) this.changed();
    // A log nobody reads any more (its console was closed) must not queue for ever.
    else if (this.pending.length >= MAX_LINES) void this.lines;
  }

  append(entries: readonly LogEntry[]): void {
    const current = this.lines;
    this.merged = mergeLines(current, entries);
    if (this.merged !== current) this.changed();
  }

  private changed(): void {
    this.version += 1;
    for (const l of this.listeners) l();
  }

  load(): Promise<void> {
    this.loading ??= call('listLogs', { params: { id: this.instanceId }, query: { limit: 500 } })
      .then((page) => {
        this.loaded = true;
        this.append(page.items);
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }

  /**
   * Loads the tail again after what happened until now. A load already on its way may have been
   * read before it (lines sent while the connection was down), so one more follows it.
   */
  reload(): Promise<void> {
    const before = this.loading?.catch(() => undefined) ?? Promise.resolve();
    return before.then(() => this.load());
  }

  /** Whether the console has its tail or is getting it: a reconnect must reload it. */
  get open(): boolean {
    return this.loaded || this.loading !== null;
  }
}

const logs = new Map<string, InstanceLog>();

export function instanceLog(instanceId: string): InstanceLog {
  let log = logs.get(instanceId);
  if (!log) logs.set(instanceId, (log = new InstanceLog(instanceId)));
  return log;
}

export function appendLogLine(entry: LogEntry): void {
  logs.get(entry.instanceId)?.push(entry);
}

/** After a reconnect: lines were missed, so each open console reloads its tail. */
export function reloadOpenLogs(): void {
  for (const log of logs.values()) if (log.open) void log.reload().catch(() => undefined);
}

export function useInstanceLog(instanceId: string): readonly LogEntry[] {
  const log = instanceLog(instanceId);
  useEffect(() => void log.load(), [log]);
  useSyncExternalStore(log.subscribe, () => log.version);
  return log.lines;
}
