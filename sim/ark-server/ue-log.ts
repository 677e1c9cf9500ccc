// ShooterGame.log as Unreal Engine writes it (docs/ark-facts.md#logs): UTF-8 BOM, `[YYYY.MM.DD-HH.MM.SS:mmm][fff]`
// prefix in UTC, frame counter right-aligned to 3 characters, first line `Log file open, MM/DD/YY HH:MM:SS`
// in local time, and the previous log kept as `ShooterGame-backup-YYYY.MM.DD-HH.MM.SS.log`.
// Lines end in CRLF: the server is a Windows build and UE's LINE_TERMINATOR there is "\r\n" [inferred], so
// tailers must strip the '\r'.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

const p2 = (n: number): string => String(n).padStart(2, '0');

/** `2023.11.01-01.24.38:557` in UTC. */
export function ueTimestamp(d: Date): string {
  const date = `${d.getUTCFullYear()}.${p2(d.getUTCMonth() + 1)}.${p2(d.getUTCDate())}`;
  const time = `${p2(d.getUTCHours())}.${p2(d.getUTCMinutes())}.${p2(d.getUTCSeconds())}`;
  return `${date}-${time}:${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** `11/01/23 01:24:38` in local time (the `Log file open` / `Log file closed` lines). */
export function localStamp(d: Date): string {
  const date = `${p2(d.getMonth() + 1)}/${p2(d.getDate())}/${p2(d.getFullYear() % 100)}`;
  return `${date} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
}

/** Game-log timestamp `2023.11.01_01.25.40` (join/leave/chat lines, GetGameLog), local time [inferred]. */
export function gameLogStamp(d: Date): string {
  const date = `${d.getFullYear()}.${p2(d.getMonth() + 1)}.${p2(d.getDate())}`;
  return `${date}_${p2(d.getHours())}.${p2(d.getMinutes())}.${p2(d.getSeconds())}`;
}

export function uePrefix(d: Date, frame: number): string {
  return `[${ueTimestamp(d)}][${String(frame % 1000).padStart(3)}]`;
}

function backupName(logsDir: string, mtime: Date): string {
  const t = ueTimestamp(mtime).slice(0, 19);
  let candidate = path.join(logsDir, `ShooterGame-backup-${t}.log`);
  // Two starts within one second would collide; keep both rather than overwrite.
  for (let n = 2; existsSync(candidate); n += 1) candidate = path.join(logsDir, `ShooterGame-backup-${t}_${n}.log`);
  return candidate;
}

export class UeLog {
  private fd: number | null;

  private constructor(
    fd: number,
    private readonly frame: () => number,
  ) {
    this.fd = fd;
  }

  /** Rotates an existing log to a backup named after its last write time (UTC), then opens a fresh one. */
  static open(logFile: string, frame: () => number): UeLog {
    const dir = path.dirname(logFile);
    mkdirSync(dir, { recursive: true });
    if (existsSync(logFile)) renameSync(logFile, backupName(dir, statSync(logFile).mtime));
    const fd = openSync(logFile, 'w');
    writeSync(fd, '\uFEFF');
    const log = new UeLog(fd, frame);
    const now = new Date();
    log.line(`Log file open, ${localStamp(now)}`, now);
    return log;
  }

  /** One line per write(2), so a tailer sees it at once. */
  line(text: string, at: Date = new Date()): void {
    if (this.fd === null) return;
    writeSync(this.fd, `${uePrefix(at, this.frame())}${text}\r\n`);
  }

  lines(texts: readonly string[]): void {
    for (const t of texts) this.line(t);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}
