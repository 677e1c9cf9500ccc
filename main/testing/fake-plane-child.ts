/** A scripted control-plane child: records what the shell sends and answers as the test says. */
import type { ParentMessage, PlaneMessage } from '@ark-asa/contracts';
import type { PlaneChild, PlaneLauncher } from '../plane-process.ts';

let nextPid = 5000;

export class FakePlaneChild implements PlaneChild {
  readonly pid = nextPid++;
  readonly received: ParentMessage[] = [];
  killed = false;
  stderr = '';
  /** Answers to what the shell sends (e.g. `stopped` for `shutdown`); none by default. */
  onReceive: (message: ParentMessage, child: FakePlaneChild) => void = () => undefined;
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private readonly exitListeners: ((code: number | null) => void)[] = [];
  private exited = false;

  constructor(readonly args: string[]) {}

  postMessage(message: ParentMessage): void {
    if (this.exited) throw new Error('the process is gone');
    this.received.push(message);
    this.onReceive(message, this);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number | null) => void): void {
    this.exitListeners.push(listener);
  }
  kill(): void {
    this.killed = true;
    this.exit(null);
  }
  stderrTail(): string {
    return this.stderr;
  }

  /** The child says something (any shape: the shell must cope with anything). */
  say(message: PlaneMessage | Record<string, unknown>): void {
    for (const listener of this.messageListeners) listener(message);
  }

  ready(port = 3000, extra: Record<string, unknown> = {}): void {
    this.say({
      v: 1,
      type: 'ready',
      url: `http://127.0.0.1:${port}`,
      wsUrl: `ws://127.0.0.1:${port}/ws`,
      port,
      dataDir: '/data',
      pid: this.pid,
      portFallback: null,
      ...extra,
    });
  }

  exit(code: number | null): void {
    if (this.exited) return;
    this.exited = true;
    for (const listener of this.exitListeners) listener(code);
  }
}

/** A launcher whose children the test drives; `script` runs on each new child (say ready, fail, …). */
export function fakeLauncher(script: (child: FakePlaneChild, index: number) => void = (c) => c.ready()) {
  const children: FakePlaneChild[] = [];
  const launch: PlaneLauncher = (args) => {
    const child = new FakePlaneChild(args);
    children.push(child);
    const index = children.length - 1;
    // As a real child does: it answers after the parent started listening.
    queueMicrotask(() => script(child, index));
    return child;
  };
  return { launch, children };
}
