import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { sameStart, type ProcessHost, type ProcessIdentity } from '../process/process-host.ts';
import { pidExists, waitUntilGone } from '../process/process-watch.ts';

/** What the supervisor found about a recorded server process after a manager restart. */
export type RecordedProcessCheck = { kind: 'gone' } | { kind: 'unconfirmed'; pid: number; why: string };

/**
 * Decides, for a recorded process that `adopt` did not confirm, whether it is surely gone (its pid
 * free or recycled: another start time) or may still be the server. A live process with the
 * recorded pid and start time, or one the OS could not be asked about, is never assumed gone: a
 * second server on the same ports and save files is the worse mistake.
 */
export async function checkRecorded(host: ProcessHost, recorded: ProcessIdentity): Promise<RecordedProcessCheck> {
  let live: ProcessIdentity | null;
  try {
    live = await host.inspect(recorded.pid);
  } catch (err) {
    if (!pidExists(recorded.pid)) return { kind: 'gone' };
    return {
      kind: 'unconfirmed',
      pid: recorded.pid,
      why: `the system could not say what it is (${(err as Error).message})`,
    };
  }
  if (live === null || !sameStart(live, recorded)) return { kind: 'gone' };
  return {
    kind: 'unconfirmed',
    pid: recorded.pid,
    why: `it started when the server did but runs ${live.exePath || 'an unknown program'}`,
  };
}

/** The reason shown on the instance while such a process runs. */
export const unconfirmedReason = (pid: number) =>
  `A process (pid ${pid}) that may be this server is still running; stop it (or end process ${pid}) before starting the server again`;

/**
 * Instances whose recorded process runs but could not be confirmed as their server. A start is
 * refused while one is listed; the entry goes when that process exits (watched in the background).
 */
export class UnconfirmedProcesses {
  private readonly pids = new Map<string, number>();

  constructor(
    private readonly host: ProcessHost,
    private readonly pollMs = 2000,
  ) {}

  add(instanceId: string, recorded: ProcessIdentity, onGone: () => void): void {
    this.pids.set(instanceId, recorded.pid);
    const liveness = {
      inspect: (pid: number) => this.host.inspect(pid),
      same: (live: ProcessIdentity, rec: ProcessIdentity) => sameStart(live, rec),
    };
    void waitUntilGone(recorded, liveness, { intervalMs: this.pollMs, keepAlive: false }).then(() => {
      if (this.pids.get(instanceId) !== recorded.pid) return;
      this.pids.delete(instanceId);
      onGone();
    });
  }

  pid(instanceId: string): number | null {
    return this.pids.get(instanceId) ?? null;
  }

  /** Throws the 409 a start gets while the instance's earlier process may still run. */
  assertNone(instanceId: string): void {
    const pid = this.pids.get(instanceId);
    if (pid === undefined) return;
    throw new AppError(
      ErrorCode.INSTANCE_RUNNING,
      `Not starting a second copy: ${unconfirmedReason(pid).replace(/^A process/, 'a process')}`,
    );
  }

  clear(): void {
    this.pids.clear();
  }
}
