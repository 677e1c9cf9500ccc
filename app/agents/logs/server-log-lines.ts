import { isoNow, type Clock } from '../../domain/clock.ts';
import { mayCarryMarker, ServerLogText, type ServerLogLine } from '../../domain/server-log.ts';
import type { LineReceiver } from './line-splitter.ts';
import type { LogLineInput, LogSink } from './log-sink.ts';

export interface ServerLogLinesOptions {
  instanceId: string;
  sink: LogSink;
  clock: Clock;
  /** Each line that carries a marker, in file order, whether or not the sink keeps the line. */
  onLine?: (line: ServerLogLine) => void;
  /** What the sink or onLine threw: the next lines are still handed on. */
  onError: (err: unknown) => void;
}

/**
 * ShooterGame.log lines from the splitter to the instance's log and the supervisor.
 *
 * While the sink keeps the server's lines, each line is read (ServerLogText) and appended. Once it
 * refuses one (the server writes faster than the rate limit), the lines after it are only counted
 * and looked at where a marker could be (mayCarryMarker), so they cost no string and no object;
 * only a line that may carry a marker is read, and its marker reaches onLine in order. The count
 * goes to the sink in one LogSink.skipMany call at the start and end of each read (64 KiB) and
 * before each marker, and that call tells when the limit's window is over. What is stored,
 * published and marked is exactly what offering every line gives while the clock stands still
 * within a read (tested against that path); with a moving clock, a window that ends in the middle of
 * a read is noticed at the end of that read (well under a millisecond later), and the lines read
 * until then count in its notice.
 */
export class ServerLogLines implements LineReceiver {
  /** Lines taken from the file so far, blank ones left out. */
  lines = 0;
  private refusing = false;
  /** Lines counted while refusing, not yet told to the sink. */
  private pending = 0;
  /** A new read began: whether the sink still refuses is asked again before its first line. */
  private newRead = true;

  constructor(private readonly opts: ServerLogLinesOptions) {}

  range(text: string, start: number, end: number): void {
    if (this.refusing && this.newRead) this.settle();
    if (!this.refusing) {
      this.take(text.slice(start, end));
    } else if (mayCarryMarker(text, start, end)) {
      this.refusedCandidate(new ServerLogText(text.slice(start, end)));
    } else if (!isBlankRange(text, start, end)) {
      this.pending += 1;
    }
  }

  line(line: string): void {
    this.settle();
    this.take(line);
  }

  flush(): void {
    this.settle();
    this.newRead = true;
  }

  /** Tells the sink what was counted, and learns whether it still refuses. */
  private settle(): void {
    this.newRead = false;
    if (!this.refusing) return;
    const { sink, instanceId } = this.opts;
    const count = this.pending;
    this.pending = 0;
    this.lines += count;
    try {
      this.refusing = sink.skipMany?.(instanceId, 'server', count) ?? false;
    } catch (err) {
      this.refusing = false;
      this.opts.onError(err);
    }
  }

  /**
   * A line that may carry a marker, read while refusing. Without one it is counted like the others.
   * With one, the count so far is settled first (the sink then sees what offering each line would
   * have shown it by now, whatever onLine does), and the line is counted as refused, as offering it
   * would have, unless the limit's window just ended: then it is offered.
   */
  private refusedCandidate(line: ServerLogText): void {
    if (line.marker === undefined) {
      this.pending += 1;
      return;
    }
    this.settle();
    if (!this.refusing) {
      this.offerLine(line);
      return;
    }
    this.pending += 1;
    this.mark(line);
  }

  /** One line read and offered: appended (lazily where the sink can), its marker to onLine. */
  private take(text: string): void {
    // A blank line carries nothing worth a row or an event.
    if (text.trim() !== '') this.offerLine(new ServerLogText(text));
  }

  private offerLine(line: ServerLogText): void {
    this.lines += 1;
    const { instanceId, sink } = this.opts;
    // Appended before onLine so the log shows the server's line ahead of what the supervisor says about it.
    try {
      if (sink.appendLazy) this.refusing = !this.offer(sink, line) && sink.skipMany !== undefined;
      else sink.append(instanceId, this.input(line));
    } catch (err) {
      this.opts.onError(err);
    }
    this.mark(line);
  }

  private mark(line: ServerLogText): void {
    if (line.marker === undefined || !this.opts.onLine) return;
    // One failing consumer must not cost the other its line (a lost `ready` marker would stall a start).
    try {
      this.opts.onLine(line);
    } catch (err) {
      this.opts.onError(err);
    }
  }

  /** Whether the sink kept the line: a refused line is never graded or dated. */
  private offer(sink: LogSink, line: ServerLogText): boolean {
    let kept = false;
    sink.appendLazy?.(this.opts.instanceId, 'server', () => {
      kept = true;
      return this.input(line);
    });
    return kept;
  }

  private input(line: ServerLogText): LogLineInput {
    const timestamp = line.timestamp ?? isoNow(this.opts.clock);
    return { level: line.level, source: 'server', message: line.message, timestamp };
  }
}

/** Whether `text.slice(start, end)` is blank, as `trim() === ''` says, without slicing most lines. */
function isBlankRange(text: string, start: number, end: number): boolean {
  if (start === end) return true;
  const c = text.charCodeAt(start);
  // Nearly every line starts with a printable ASCII character: not blank, decided at once.
  if (c > 0x20 && c < 0x7f) return false;
  return text.slice(start, end).trim() === '';
}
