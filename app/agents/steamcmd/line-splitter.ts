/** Longest unfinished line kept; beyond it the text is passed on as it is (a stream without line ends). */
const MAX_PENDING_CHARS = 64 * 1024;

/**
 * Splits decoded stdout into raw lines for the log, across chunk boundaries, on `\n`, `\r\n` and
 * a lone `\r` (progress output may rewrite a line with `\r`). Blank lines are dropped.
 */
export class LineSplitter {
  private tail = '';

  feed(chunk: string): string[] {
    const parts = (this.tail + chunk).split(/\r\n|\r|\n/);
    this.tail = parts.pop() ?? '';
    if (this.tail.length > MAX_PENDING_CHARS) {
      parts.push(this.tail);
      this.tail = '';
    }
    return parts.filter((line) => line.trim() !== '');
  }

  end(): string[] {
    const last = this.tail;
    this.tail = '';
    return last.trim() === '' ? [] : [last];
  }
}
