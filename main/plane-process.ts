/**
 * One control-plane child process and the process channel to it (app/contracts process-channel.ts):
 * the desktop shell runs the control plane in Electron's `utilityProcess`, so synchronous SQLite and
 * log writes never block the window; tests run the same entry with `child_process.fork`. Both sit
 * behind `PlaneChild`.
 */
import { PlaneMessage, PROCESS_CHANNEL_VERSION, type ParentMessage } from '@ark-asa/contracts';
import { z } from 'zod';
import type { ShellLogger } from './electron-facade.ts';

/** What the shell needs of a child process: Electron's UtilityProcess and Node's ChildProcess both fit through a small binding. */
export interface PlaneChild {
  readonly pid: number | undefined;
  postMessage(message: ParentMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Exactly once, whatever ended the process. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
  /** The last lines the process wrote to stderr (why it died, when it could not say so on the channel). */
  stderrTail(): string;
}

/** Starts the control-plane entry with these command-line arguments. */
export type PlaneLauncher = (args: string[]) => PlaneChild;

/**
 * `ready`, plus the access token in effect when the control plane sends it: only this private
 * channel may carry it (the REST API masks it), and the shell needs it to call an exposed manager
 * and to put it on the window's requests.
 */
export type ReadyMessage = Extract<PlaneMessage, { type: 'ready' }> & { accessToken?: string | null };

const ReadyToken = z.object({ accessToken: z.string().min(1).nullable().optional() });
export type SessionSaved = Extract<PlaneMessage, { type: 'session-saved' }>;
type Stopped = Extract<PlaneMessage, { type: 'stopped' }>;

export type StartOutcome = { ok: true; ready: ReadyMessage } | { ok: false; code: string; message: string };

/** Code of a start that ended without a `start-failed` (crash, timeout, an entry that does not speak the channel). */
export const EXITED_EARLY = 'exited';

type Waiter = { types: readonly string[]; resolve: (message: PlaneMessage | null) => void };

export class PlaneProcess {
  readonly exited: Promise<number | null>;
  private readonly waiters = new Set<Waiter>();
  private exitCode: number | null | undefined = undefined;

  private constructor(
    private readonly child: PlaneChild,
    private readonly logger: ShellLogger,
  ) {
    child.onMessage((raw) => this.onMessage(raw));
    this.exited = new Promise((resolve) =>
      child.onExit((code) => {
        this.exitCode = code;
        for (const waiter of this.waiters) waiter.resolve(null);
        this.waiters.clear();
        resolve(code);
      }),
    );
  }

  static launch(launch: PlaneLauncher, args: string[], logger: ShellLogger): PlaneProcess {
    return new PlaneProcess(launch(args), logger);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  /** Waits for `ready` or `start-failed`; an exit or a timeout first is a failure too (the child is then killed). */
  async started(timeoutMs: number): Promise<StartOutcome> {
    const message = await this.next(['ready', 'start-failed'], timeoutMs);
    if (message?.type === 'ready') return { ok: true, ready: message };
    if (message?.type === 'start-failed') return { ok: false, code: message.code, message: message.message };
    const timedOut = this.alive;
    if (timedOut) this.kill();
    const code = await this.exited;
    // Its first paragraph: a usage error is followed by the whole help text, which says nothing more.
    const why = this.child
      .stderrTail()
      .trim()
      .split(/\n\s*\n/)[0]!
      .trim();
    return {
      ok: false,
      code: EXITED_EARLY,
      message: timedOut
        ? `The control plane did not get ready within ${Math.round(timeoutMs / 1000)} s`
        : why || `The control plane exited (code ${code}) before it was ready`,
    };
  }

  /** Asks it to stop; resolves with `stopped` (null when it exited or was killed without saying so). */
  async shutdown(stopServers: boolean, timeoutMs: number): Promise<Stopped | null> {
    if (!this.alive) return null;
    const answer = this.next(['stopped'], timeoutMs);
    this.send({ v: PROCESS_CHANNEL_VERSION, type: 'shutdown', stopServers });
    const stopped = (await answer) as Stopped | null;
    if (this.alive && !stopped) {
      this.logger.warn({ pid: this.pid }, 'the control plane did not stop in time; ending it');
      this.kill();
    }
    // `stopped` comes just before the exit: wait for the exit too, so its data-dir lock is released.
    if (this.alive) await this.raceExit(timeoutMs);
    return stopped;
  }

  /** Asks it to save every running world; null when it did not answer within the deadline (plus a little for the channel). */
  async sessionEnd(deadlineMs: number): Promise<SessionSaved | null> {
    if (!this.alive) return null;
    const answer = this.next(['session-saved'], deadlineMs + 500);
    this.send({ v: PROCESS_CHANNEL_VERSION, type: 'session-end', deadlineMs });
    return (await answer) as SessionSaved | null;
  }

  kill(): void {
    try {
      this.child.kill();
    } catch (err) {
      this.logger.warn({ err, pid: this.pid }, 'could not end the control plane process');
    }
  }

  private send(message: ParentMessage): void {
    try {
      this.child.postMessage(message);
    } catch (err) {
      // It died between our check and the post: the exit handler answers the waiters.
      this.logger.warn({ err, type: message.type }, 'could not send to the control plane');
    }
  }

  private next(types: readonly PlaneMessage['type'][], timeoutMs: number): Promise<PlaneMessage | null> {
    if (!this.alive) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(null), timeoutMs);
      const finish = (message: PlaneMessage | null) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(message);
      };
      const waiter: Waiter = { types, resolve: finish };
      this.waiters.add(waiter);
    });
  }

  private async raceExit(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (this.alive) this.kill();
  }

  private onMessage(raw: unknown): void {
    if (typeof raw === 'object' && raw !== null && 'v' in raw && raw.v !== PROCESS_CHANNEL_VERSION) {
      this.logger.warn({ v: raw.v }, 'ignoring a control-plane message of another channel version');
      return;
    }
    const parsed = PlaneMessage.safeParse(raw);
    if (!parsed.success) {
      this.logger.warn({ issues: parsed.error.issues }, 'ignoring a malformed control-plane message');
      return;
    }
    let message: PlaneMessage | ReadyMessage = parsed.data;
    // The contract's schema drops keys it does not know; the token is read beside it.
    if (message.type === 'ready')
      message = { ...message, accessToken: ReadyToken.safeParse(raw).data?.accessToken ?? null };
    for (const waiter of [...this.waiters]) if (waiter.types.includes(message.type)) waiter.resolve(message);
  }
}
