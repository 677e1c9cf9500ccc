// In-game chat: player lines scheduled by the control file, SERVER lines from ServerChat, read by
// RCON GetChat, which returns the lines said since the previous GetChat (docs/ark-facts.md#rcon-commands).
import type { ServerSimChat } from './control.ts';

/** Lines kept for GetChat when nobody reads them; the oldest go first. */
const CHAT_BUFFER = 600;

export class ChatBuffer {
  private pending: string[] = [];
  /** Indexes of scheduled lines already said: the schedule is re-read on every poll. */
  private readonly said = new Set<number>();

  /** `sinceReadySec` is the time since the server started advertising; `say` also logs the line. */
  tick(sinceReadySec: number, schedule: readonly ServerSimChat[], say: (line: string) => void): void {
    schedule.forEach((c, i) => {
      if (this.said.has(i) || sinceReadySec < c.afterSec) return;
      this.said.add(i);
      say(`${c.name} (${c.character ?? c.name}): ${c.message}`);
    });
  }

  add(line: string): void {
    this.pending.push(line);
    if (this.pending.length > CHAT_BUFFER) this.pending = this.pending.slice(-CHAT_BUFFER);
  }

  /** GetChat: everything since the last call, then nothing until someone speaks again. */
  take(): string[] {
    const lines = this.pending;
    this.pending = [];
    return lines;
  }
}
