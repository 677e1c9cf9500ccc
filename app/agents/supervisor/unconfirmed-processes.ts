import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { sameStart, type HostedProcess, type ProcessHost, type ProcessIdentity } from '../process/process-host.ts';
import { adoptRecorded, pidExists, waitUntilGone, type Liveness } from '../process/process-watch.ts';

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

/** What the instance shows while such a process runs, for the user to choose (adopt or end it). */
export interface UnconfirmedAttention {
  kind: 'unconfirmed-process';
  pid: number;
  message: string;
}

/**
 * Instances whose recorded process runs but could not be confirmed as their server. A start is
 * refused while one is listed; the entry goes when that process exits (watched in the background)
 * or when the user says what it is (`take`). Listeners hear of both, to republish the instance.
 */
export class UnconfirmedProcesses {
  private readonly entries = new Map<string, ProcessIdentity>();
  /** Taken for the user's choice and not settled yet: still refuses a start (an end takes a while). */
  private readonly deciding = new Map<string, ProcessIdentity>();
  private readonly listeners: ((instanceId: string) => void)[] = [];
  /** Liveness by pid and start time only: the program is what could not be confirmed. */
  private readonly liveness: Liveness;

  constructor(
    private readonly host: ProcessHost,
    private readonly pollMs = 2000,
  ) {
    this.liveness = { inspect: (pid) => this.host.inspect(pid), same: (live, rec) => sameStart(live, rec) };
  }

  onChange(listener: (instanceId: string) => void): void {
    this.listeners.push(listener);
  }

  add(instanceId: string, recorded: ProcessIdentity, onGone: () => void): void {
    this.entries.set(instanceId, recorded);
    this.changed(instanceId);
    void waitUntilGone(recorded, this.liveness, { intervalMs: this.pollMs, keepAlive: false }).then(() => {
      if (this.entries.get(instanceId) !== recorded) return;
      this.entries.delete(instanceId);
      onGone();
      this.changed(instanceId);
    });
  }

  pid(instanceId: string): number | null {
    return (this.entries.get(instanceId) ?? this.deciding.get(instanceId))?.pid ?? null;
  }

  attention(instanceId: string): UnconfirmedAttention | null {
    const pid = this.pid(instanceId);
    if (pid === null) return null;
    const message = `A process (pid ${pid}) that may be this server is still running: adopt it if it is this server, or end it`;
    return { kind: 'unconfirmed-process', pid, message };
  }

  /** Takes the entry for the user's choice (404 when there is none); it counts until `settled`. */
  take(instanceId: string): ProcessIdentity {
    const recorded = this.entries.get(instanceId);
    if (!recorded)
      throw new AppError(ErrorCode.NOT_FOUND, 'No process that may be this server is waiting for a decision');
    this.entries.delete(instanceId);
    this.deciding.set(instanceId, recorded);
    return recorded;
  }

  /** Tells listeners the entry taken for a choice is settled (adopted or ended). */
  settled(instanceId: string): void {
    this.deciding.delete(instanceId);
    this.changed(instanceId);
  }

  /** The user says it is the server: hosted like an adopted one, or null when it has exited meanwhile. */
  hosted(recorded: ProcessIdentity): Promise<HostedProcess | null> {
    return adoptRecorded(recorded, this.liveness, this.pollMs);
  }

  /**
   * Ends the process the user chose to end. Its RCON cannot be trusted (it may not be the server),
   * so no save: a polite request to exit where the host has one, then its tree kill after `graceMs`.
   */
  async end(recorded: ProcessIdentity, graceMs: number): Promise<'terminated' | 'killed' | 'gone'> {
    const live = await this.host.inspect(recorded.pid);
    if (live === null || !sameStart(live, recorded)) return 'gone';
    if (this.host.terminate) {
      this.host.terminate(recorded.pid);
      const wait = { intervalMs: Math.min(this.pollMs, 200), timeoutMs: graceMs, keepAlive: true };
      if (await waitUntilGone(recorded, this.liveness, wait)) return 'terminated';
    }
    await this.host.killTree(recorded.pid);
    return 'killed';
  }

  /** Throws the 409 a start gets while the instance's earlier process may still run. */
  assertNone(instanceId: string): void {
    const pid = this.pid(instanceId);
    if (pid === null) return;
    throw new AppError(
      ErrorCode.INSTANCE_RUNNING,
      `Not starting a second copy: ${unconfirmedReason(pid).replace(/^A process/, 'a process')}`,
    );
  }

  clear(): void {
    this.entries.clear();
    this.deciding.clear();
  }

  private changed(instanceId: string): void {
    for (const listener of this.listeners) listener(instanceId);
  }
}
