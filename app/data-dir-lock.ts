import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { createProcessHost } from './agents/process/create-process-host.ts';
import { START_TIME_TOLERANCE_MS, type ProcessIdentity } from './agents/process/process-host.ts';
import { AppError } from './domain/app-error.ts';

const LOCK_FILE = 'manager.lock';

/** The identity of a live process, or null when none has that pid; throws when the OS cannot tell. */
export type InspectProcess = (pid: number) => Promise<ProcessIdentity | null>;

export interface LockOptions {
  /** Default: the process host of this OS (Linux /proc, Windows CIM), the same identity servers are adopted by. */
  inspect?: InspectProcess;
}

/** What `manager.lock` holds since identities were recorded (older versions wrote a bare pid). */
interface LockOwner {
  pid: number;
  startTimeMs: number | null;
  exePath: string | null;
}

function defaultInspect(): InspectProcess {
  try {
    const host = createProcessHost();
    return (pid) => host.inspect(pid);
  } catch {
    // No process host on this OS (macOS): a signal-0 probe, without start time, is all there is.
    return (pid) => Promise.resolve(alive(pid) ? { pid, exePath: '', startTimeMs: Number.NaN } : null);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null; // removed meanwhile by its owner's exit: free
  }
  if (/^\d+$/.test(text)) return { pid: Number(text), startTimeMs: null, exePath: null };
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || v.pid <= 0) return null;
    return {
      pid: v.pid,
      startTimeMs: typeof v.startTimeMs === 'number' ? v.startTimeMs : null,
      exePath: typeof v.exePath === 'string' ? v.exePath : null,
    };
  } catch {
    return null; // half-written or garbage: nobody can be proven to hold it
  }
}

const exeName = (p: string) => path.win32.basename(p).toLowerCase();

/**
 * Whether the process now holding `owner.pid` is the manager that wrote the lock. Windows recycles
 * pids quickly, and a lock survives a shutdown (no `before-quit` then), so a live pid proves
 * nothing alone: the start time (and executable) must match too. An old bare-pid lock has no start
 * time, but its writer must have started before it wrote the file.
 */
async function heldBy(owner: LockOwner, file: string, inspect: InspectProcess): Promise<boolean> {
  let live: ProcessIdentity | null;
  try {
    live = await inspect(owner.pid);
  } catch {
    return alive(owner.pid); // cannot tell who it is: do not risk two managers on one database
  }
  if (live === null) return false;
  if (!Number.isFinite(live.startTimeMs)) return true;
  if (owner.startTimeMs === null) {
    const writtenMs = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    return live.startTimeMs <= writtenMs + START_TIME_TOLERANCE_MS;
  }
  if (Math.abs(live.startTimeMs - owner.startTimeMs) > START_TIME_TOLERANCE_MS) return false;
  return !owner.exePath || !live.exePath || exeName(owner.exePath) === exeName(live.exePath);
}

async function selfIdentity(inspect: InspectProcess): Promise<LockOwner> {
  // Recorded by the same means it will be checked by, so a live manager always matches itself.
  const self = await inspect(process.pid).catch(() => null);
  if (self && Number.isFinite(self.startTimeMs))
    return { pid: process.pid, startTimeMs: self.startTimeMs, exePath: self.exePath };
  return { pid: process.pid, startTimeMs: Math.round(Date.now() - process.uptime() * 1000), exePath: process.execPath };
}

/**
 * One control plane per data directory: two would both supervise the same servers and write the
 * same database. A lock whose process is gone, or whose pid now belongs to another program, is
 * taken over. Resolves with the function that releases the lock.
 */
export async function lockDataDir(dataDir: string, opts: LockOptions = {}): Promise<() => void> {
  const inspect = opts.inspect ?? defaultInspect();
  const file = path.join(dataDir, LOCK_FILE);
  const me = JSON.stringify(await selfIdentity(inspect));
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      fs.writeFileSync(file, me, { flag: 'wx' });
      return () => {
        // Only our own lock: a later manager may have taken over a lock we were too slow to drop.
        if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === me) fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(file);
    if (owner && owner.pid !== process.pid && (await heldBy(owner, file, inspect))) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `Another manager (pid ${owner.pid}) is already using ${dataDir}; stop it or choose another --data-dir`,
      );
    }
    fs.rmSync(file, { force: true });
  }
  throw new AppError(ErrorCode.CONFLICT, `Could not lock ${dataDir}`);
}
