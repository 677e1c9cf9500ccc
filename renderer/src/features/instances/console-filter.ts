import type { LogEntry, LogLevel, LogSource } from '@ark-asa/contracts';

export const LOG_LEVELS: readonly LogLevel[] = ['ERROR', 'WARN', 'INFO', 'DEBUG'];
export const LOG_SOURCES: readonly LogSource[] = ['server', 'manager', 'steamcmd', 'chat', 'asaapi'];

export interface LogFilter {
  text: string;
  levels: readonly LogLevel[];
  sources: readonly LogSource[];
}

export const NO_FILTER: LogFilter = { text: '', levels: LOG_LEVELS, sources: LOG_SOURCES };

export function isFiltering(f: LogFilter): boolean {
  return f.text.trim() !== '' || f.levels.length < LOG_LEVELS.length || f.sources.length < LOG_SOURCES.length;
}

/** The lines that pass the filter, in order; the same array when nothing is filtered (cheap re-renders). */
export function filterLog(lines: readonly LogEntry[], f: LogFilter): readonly LogEntry[] {
  if (!isFiltering(f)) return lines;
  const needle = f.text.trim().toLowerCase();
  const levels = new Set(f.levels);
  const sources = new Set(f.sources);
  return lines.filter(
    (l) => levels.has(l.level) && sources.has(l.source) && (needle === '' || l.message.toLowerCase().includes(needle)),
  );
}

/** How many of `lines` came after the line with seq `afterSeq` (the "N new lines" while paused). */
export function countNewer(lines: readonly LogEntry[], afterSeq: number): number {
  let n = 0;
  for (let i = lines.length - 1; i >= 0 && lines[i]!.seq > afterSeq; i -= 1) n += 1;
  return n;
}

/** The message cut into plain and matching parts, for highlighting the filter text. */
export function splitMatches(message: string, needle: string): { text: string; match: boolean }[] {
  const q = needle.trim().toLowerCase();
  const lower = message.toLowerCase();
  // A few characters change length when lower-cased; offsets would then be wrong, so no highlight.
  if (!q || lower.length !== message.length) return [{ text: message, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  let from = 0;
  for (let at = lower.indexOf(q); at !== -1; at = lower.indexOf(q, from)) {
    if (at > from) parts.push({ text: message.slice(from, at), match: false });
    parts.push({ text: message.slice(at, at + q.length), match: true });
    from = at + q.length;
  }
  if (from < message.length) parts.push({ text: message.slice(from), match: false });
  return parts;
}

/** HH:MM:SS in local time: a console line needs the time of day, the full date is in the tooltip. */
export function clock(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Index of the line with this seq (lines are in seq order), or -1 once it has been dropped. */
export function indexOfSeq(lines: readonly LogEntry[], seq: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = lines[mid]!.seq;
    if (at === seq) return mid;
    if (at < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
