import type { LogEntry } from '@ark-asa/contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { call } from './http.ts';

const MAX_LINES = 5000;

/**
 * The console's lines per instance: the stored tail loaded over REST once, then every
 * `instance:log` event appended (deduplicated by seq, so a reload racing live lines is harmless).
 */
class InstanceLog {
  lines: LogEntry[] = [];
  version = 0;
  loaded = false;
  private loading: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly instanceId: string) {}

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  append(entries: LogEntry[]): void {
    const last = this.lines.at(-1)?.seq ?? -1;
    const fresh = entries.filter((e) => e.seq > last);
    const older = entries.filter((e) => e.seq <= last);
    let next = fresh.length ? [...this.lines, ...fresh] : this.lines;
    if (older.length) {
      const seen = new Set(next.map((e) => e.seq));
      next = [...older.filter((e) => !seen.has(e.seq)), ...next].sort((a, b) => a.seq - b.seq);
    }
    if (next === this.lines) return;
    this.lines = next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next;
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
}

const logs = new Map<string, InstanceLog>();

export function instanceLog(instanceId: string): InstanceLog {
  let log = logs.get(instanceId);
  if (!log) logs.set(instanceId, (log = new InstanceLog(instanceId)));
  return log;
}

export function appendLogLine(entry: LogEntry): void {
  logs.get(entry.instanceId)?.append([entry]);
}

/** After a reconnect: lines were missed, so each open console reloads its tail. */
export function reloadOpenLogs(): void {
  for (const log of logs.values()) if (log.loaded) void log.load();
}

export function useInstanceLog(instanceId: string): LogEntry[] {
  const log = instanceLog(instanceId);
  useEffect(() => void log.load(), [log]);
  useSyncExternalStore(log.subscribe, () => log.version);
  return log.lines;
}
