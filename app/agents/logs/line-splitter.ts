import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_MAX_LINE_CHARS = 16 * 1024;

/**
 * Where a LineSplitter's lines go. A whole line inside one decoded read (nearly every line) comes as
 * a range of that read's text, so a receiver that only counts it (a flooding server's lines over the
 * rate limit) costs no string; the others come as strings. Calls keep the file's order.
 */
export interface LineReceiver {
  /** The line `text.slice(start, end)`, without its CR/LF. Within one push, `text` is the same string. */
  range(text: string, start: number, end: number): void;
  /** A line put together across reads, cut for its length, or the unterminated last line at end(). */
  line(line: string): void;
  /** Every line of the bytes pushed so far was handed over (after each push() and end()). */
  flush(): void;
}

/** A receiver for a callback that takes every line as a string. */
function eachLine(emit: (line: string) => void): LineReceiver {
  return { range: (text, start, end) => emit(text.slice(start, end)), line: emit, flush: () => undefined };
}

/**
 * Turns the bytes of one file, in whatever chunks they arrive, into whole lines.
 *
 * - The decoder keeps a multi-byte UTF-8 character split between two reads until its last byte
 *   arrives, so it is never turned into two replacement characters.
 * - A last line without its newline is held back: the writer may be half-way through it.
 * - A line longer than `maxLineChars` keeps its start and is cut with a marker; the rest is counted
 *   and discarded as it arrives, so a runaway writer (a binary dump, a missing newline) cannot grow
 *   the buffer without bound.
 */
export class LineSplitter {
  private decoder = new StringDecoder('utf8');
  private partial = '';
  private cut = 0;
  private atFileStart = true;
  private readonly receiver: LineReceiver;

  constructor(
    receiver: LineReceiver | ((line: string) => void),
    private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS,
  ) {
    this.receiver = typeof receiver === 'function' ? eachLine(receiver) : receiver;
  }

  /** Forgets everything held and starts over for a new file (or the same file read from `atFileStart`). */
  reset(atFileStart: boolean): void {
    this.decoder = new StringDecoder('utf8');
    this.partial = '';
    this.cut = 0;
    this.atFileStart = atFileStart;
  }

  /** Takes the next bytes of the file; keeps no reference to `bytes`, which the caller may reuse. */
  push(bytes: Buffer): void {
    this.take(this.decoder.write(bytes));
    this.receiver.flush();
  }

  /** The file will not grow any more (rotated, truncated, tailer stopped): emit what is held as a line. */
  end(): void {
    this.take(this.decoder.end());
    if (this.partial !== '' || this.cut > 0) this.emitLine();
    this.receiver.flush();
    this.reset(true);
  }

  private take(text: string): void {
    if (text === '') return;
    if (this.atFileStart) {
      // Unreal writes a UTF-8 BOM at the start of ShooterGame.log; it is not part of the first line.
      this.atFileStart = false;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      if (this.partial === '' && this.cut === 0 && nl - from <= this.maxLineChars) {
        // A whole line inside this chunk (nearly every line): handed over as a range, its CR left
        // out, so a receiver slices it only if it needs the string.
        this.receiver.range(text, from, nl > from && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl);
      } else {
        this.append(text.slice(from, nl));
        this.emitLine();
      }
      from = nl + 1;
    }
    this.append(text.slice(from));
  }

  private append(piece: string): void {
    const room = this.maxLineChars - this.partial.length;
    if (piece.length <= room) {
      this.partial += piece;
      return;
    }
    let keep = Math.max(room, 0);
    // Never keep half of a surrogate pair (an emoji in a player's name at the cut).
    if (keep > 0 && isHighSurrogate(piece.charCodeAt(keep - 1))) keep -= 1;
    this.partial += piece.slice(0, keep);
    this.cut += piece.length - keep;
  }

  private emitLine(): void {
    // The server is a Windows build: lines end in CRLF.
    let line = this.partial.endsWith('\r') ? this.partial.slice(0, -1) : this.partial;
    if (this.cut > 0) line += ` … [line cut: ${this.cut} more characters]`;
    this.partial = '';
    this.cut = 0;
    this.receiver.line(line);
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
