/**
 * The desktop shell's own small memory, in `<userData>/desktop-shell.json`: the window's place, the
 * first-run server-root choice and whether the tray hint was shown. Manager settings live in the
 * control plane's database; this file only holds what belongs to this desktop session.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ShellLogger } from './electron-facade.ts';

const Bounds = z.object({
  x: z.int(),
  y: z.int(),
  width: z.int().min(100).max(100_000),
  height: z.int().min(100).max(100_000),
});

export const ShellState = z.object({
  window: z.object({ bounds: Bounds, maximized: z.boolean() }).optional(),
  /** The server root chosen on first run (applied to the control plane's dataRoot setting). */
  serverRoot: z.string().min(1).optional(),
  trayHintShown: z.boolean().optional(),
});
export type ShellState = z.infer<typeof ShellState>;

export const SHELL_STATE_FILE = 'desktop-shell.json';

export class ShellStateStore {
  private state: ShellState;

  constructor(
    private readonly file: string,
    private readonly logger: ShellLogger,
  ) {
    this.state = this.read();
  }

  get(): ShellState {
    return this.state;
  }

  /** Merges and writes at once; a failed write is logged, not thrown: losing the window position must not stop the app. */
  update(patch: Partial<ShellState>): void {
    this.state = { ...this.state, ...patch };
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      // Write then rename, so a crash mid-write leaves the previous file rather than half a JSON document.
      const tmp = `${this.file}.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify(this.state, null, 2)}\n`);
      fs.renameSync(tmp, this.file);
    } catch (err) {
      this.logger.warn({ err, file: this.file }, 'could not save the desktop shell state');
    }
  }

  private read(): ShellState {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.logger.warn({ err, file: this.file }, 'could not read the desktop shell state');
      return {};
    }
    try {
      const parsed = ShellState.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      this.logger.warn({ file: this.file, issues: parsed.error.issues }, 'ignoring an invalid desktop shell state');
    } catch (err) {
      this.logger.warn({ err, file: this.file }, 'ignoring a desktop shell state that is not JSON');
    }
    return {};
  }
}
