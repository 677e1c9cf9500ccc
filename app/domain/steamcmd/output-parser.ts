import { classifySteamcmdError } from './steamcmd-errors.ts';
import type { SelfUpdateStage, SteamcmdEvent, SteamcmdProgressEvent } from './steamcmd-events.ts';

export type * from './steamcmd-events.ts';
export type { SteamcmdErrorReason, SteamcmdDiagnosis } from './steamcmd-errors.ts';
export { classifySteamcmdError } from './steamcmd-errors.ts';
export { describeProgress, overallPercent, progressPhase, type ProgressPhase } from './progress.ts';
export { explainExitCode, type SteamcmdExitInfo } from './exit-codes.ts';

// docs/ark-facts.md#progress-lines-and-state-codes, with `[.,]` because the decimal separator follows the OS locale.
const PROGRESS_RE = /^\s*Update state \((0x[0-9a-fA-F]+)\) ([a-z ]+), progress: (\d+[.,]\d+) \((\d+) \/ (\d+)\)/;
const SUCCESS_RE = /Success! App '(\d+)' (fully installed|already up to date)\./;
const BRACKET_RE = /^\s*\[\s*(\d{1,3}%|-{4})\]\s*(.*)$/;

const SELF_UPDATE_STAGES: ReadonlyArray<readonly [RegExp, SelfUpdateStage]> = [
  [/^Checking for available updates?/i, 'checking'],
  [/^Download(ing update| Complete)/i, 'downloading'],
  [/^(Applying update|Extracting package|Installing update|Cleaning up)/i, 'applying'],
  [/^Update complete/i, 'complete'],
  [/^Verifying installation/i, 'verifying'],
];

/**
 * A line longer than this without a line end is flushed as it is, so that a stream without line
 * ends cannot grow the buffer forever. SteamCMD's lines are far shorter.
 */
const MAX_PENDING_CHARS = 64 * 1024;

/**
 * Incremental parser of SteamCMD's stdout. Redirected stdout is block-buffered, so one chunk can
 * hold many lines and a line (even a `\r\n` pair) can be split across chunks: the parser keeps the
 * unfinished tail until its line end arrives or `end()` is called. Feed it decoded text (a
 * StringDecoder / `setEncoding('utf8')` keeps multi-byte characters whole).
 */
export class SteamcmdOutputParser {
  private tail = '';
  private lastProgressKey: string | null = null;

  feed(chunk: string): SteamcmdEvent[] {
    // `\r\n` split as `\r` | `\n` yields an extra empty line, which is skipped like every blank one,
    // so the events do not depend on where the chunks were cut.
    const lines = (this.tail + chunk).split(/\r\n|\r|\n/);
    this.tail = lines.pop() ?? '';
    if (this.tail.length > MAX_PENDING_CHARS) {
      lines.push(this.tail);
      this.tail = '';
    }
    return this.parseLines(lines);
  }

  /** Flushes the last line when the stream ended without a line end. */
  end(): SteamcmdEvent[] {
    const last = this.tail;
    this.tail = '';
    return this.parseLines([last]);
  }

  private parseLines(lines: readonly string[]): SteamcmdEvent[] {
    const events: SteamcmdEvent[] = [];
    for (const line of lines) {
      const event = this.parseLine(line.trimEnd());
      if (event) events.push(event);
    }
    return events;
  }

  private parseLine(text: string): SteamcmdEvent | null {
    if (text.trim() === '') return null;
    const progress = parseProgress(text);
    if (progress) return this.dedupe(progress);
    const success = SUCCESS_RE.exec(text);
    if (success) {
      return {
        kind: 'success',
        appId: success[1] ?? '',
        outcome: success[2] === 'fully installed' ? 'installed' : 'up-to-date',
      };
    }
    const diagnosis = classifySteamcmdError(text);
    if (diagnosis) return { kind: 'error', line: text, ...diagnosis };
    return parseSelfUpdate(text) ?? { kind: 'line', text };
  }

  /** A stalled download repeats the same line dozens of times; one event is enough. */
  private dedupe(progress: SteamcmdProgressEvent): SteamcmdProgressEvent | null {
    const key = `${progress.stateCode}|${progress.percent}`;
    if (key === this.lastProgressKey) return null;
    this.lastProgressKey = key;
    return progress;
  }
}

function parseProgress(text: string): SteamcmdProgressEvent | null {
  const m = PROGRESS_RE.exec(text);
  if (!m) return null;
  const [, stateCode = '', stateLabel = '', percent = '0', done = '0', total = '0'] = m;
  return {
    kind: 'progress',
    stateCode,
    stateLabel,
    percent: Number(percent.replace(',', '.')),
    bytesDone: Number(done),
    bytesTotal: Number(total),
  };
}

function parseSelfUpdate(text: string): SteamcmdEvent | null {
  const m = BRACKET_RE.exec(text);
  if (!m) return null;
  const [, marker = '', rest = ''] = m;
  const stage = SELF_UPDATE_STAGES.find(([re]) => re.test(rest))?.[1] ?? 'other';
  const percent = marker.endsWith('%') ? Number(marker.slice(0, -1)) : null;
  return { kind: 'self-update', stage, percent, text: text.trim() };
}
