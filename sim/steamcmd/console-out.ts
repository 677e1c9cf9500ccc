// stdout of the steamcmd simulator. Real steamcmd buffers its output when stdout is redirected, so one
// read can hold many progress lines and a line can be split across two reads (docs/ark-facts.md#what-steamcmd-prints).
import { appendFileSync } from 'node:fs';

export interface ConsoleOutOptions {
  /** Emit output in fixed-size chunks instead of line by line. */
  buffered: boolean;
  chunkBytes: number;
  /** Line terminator: '\n', or '\r\n' when the control asks for Windows text-mode output. */
  eol: string;
  /** Steam's own copy of the console, `<home>/logs/console_log.txt`. */
  consoleLog: string | null;
}

export class ConsoleOut {
  private pending: Buffer = Buffer.alloc(0);
  /** Whether the last complete line was empty (so `Unloading Steam API` gets exactly one blank line before it). */
  lastLineBlank = false;

  constructor(private readonly options: ConsoleOutOptions) {}

  line(text: string): void {
    this.write(text + this.options.eol);
    this.lastLineBlank = text === '';
  }

  /** Writes without a terminator (the interactive `Steam>` prompt). */
  write(text: string): void {
    if (this.options.consoleLog) appendFileSync(this.options.consoleLog, text);
    if (!this.options.buffered) {
      this.emit(Buffer.from(text));
      return;
    }
    this.pending = Buffer.concat([this.pending, Buffer.from(text)]);
    const size = this.options.chunkBytes;
    while (this.pending.length >= size) {
      this.emit(this.pending.subarray(0, size));
      this.pending = this.pending.subarray(size);
    }
  }

  /** Writes whatever is buffered (at exit, like the C runtime flushing stdout). */
  flush(): void {
    if (this.pending.length > 0) this.emit(this.pending);
    this.pending = Buffer.alloc(0);
  }

  private emit(bytes: Buffer): void {
    // process.stdout is synchronous for files and pipes on Linux, so each call is one write(2).
    process.stdout.write(bytes);
  }
}
