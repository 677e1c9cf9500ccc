// `ShooterGame/Saved/sim-journal.jsonl`: one JSON line per RCON command and lifecycle event, so tests can
// assert ordering (e.g. Broadcast → SaveWorld → DoExit). Not something ARK writes; simulator-only.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export type JournalEvent =
  | 'started'
  | 'ready'
  | 'rcon-listening'
  | 'rcon-bind-failed'
  | 'game-listening'
  | 'game-bind-failed'
  | 'rcon-auth'
  | 'rcon'
  | 'saved'
  | 'player-joined'
  | 'player-left'
  | 'chat'
  | 'exit'
  | 'exit-ignored'
  | 'memory-restart'
  | 'crash';

export interface JournalEntry {
  ts: string;
  pid: number;
  event: JournalEvent;
  [key: string]: unknown;
}

export class Journal {
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  /** Synchronous append (O_APPEND), so entries survive an immediate exit and stay ordered. */
  write(event: JournalEvent, data: Record<string, unknown> = {}): void {
    const entry: JournalEntry = { ts: new Date().toISOString(), pid: process.pid, event, ...data };
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}
