/**
 * Bindings of real child processes to `PlaneChild`: Electron's utilityProcess (the desktop app) and
 * Node's child_process.fork (tests, and anything that hosts the control plane without Electron).
 */
import type { ChildProcess } from 'node:child_process';
import type { PlaneChild, PlaneLauncher } from './plane-process.ts';

/** What the shell uses of Electron's UtilityProcess (the real one satisfies it). */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export type UtilityFork = (
  modulePath: string,
  args: string[],
  options: { serviceName: string; stdio: 'pipe' },
) => UtilityProcessLike;

export const PLANE_SERVICE_NAME = 'ARK ASA control plane';
const STDERR_KEPT = 4000;

/**
 * Reads a child's output: stdout is drained (the control plane writes manager.log itself, and an
 * unread pipe would fill and block its writes); the end of stderr is kept for the failure message.
 */
function collectOutput(stdout: NodeJS.ReadableStream | null, stderr: NodeJS.ReadableStream | null): () => string {
  let tail = '';
  stdout?.on('data', () => undefined);
  stderr?.on('data', (chunk: Buffer | string) => {
    tail = (tail + chunk.toString()).slice(-STDERR_KEPT);
  });
  return () => tail;
}

/** The desktop app: the bundled control-plane entry in a utility process (its own Node, off the UI thread). */
export function utilityProcessLauncher(fork: UtilityFork, entry: string): PlaneLauncher {
  return (args) => {
    const child = fork(entry, args, { serviceName: PLANE_SERVICE_NAME, stdio: 'pipe' });
    const stderrTail = collectOutput(child.stdout, child.stderr);
    const plane: PlaneChild = {
      get pid() {
        return child.pid;
      },
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.on('exit', (code) => listener(code)),
      kill: () => void child.kill(),
      stderrTail,
    };
    return plane;
  };
}

/** A Node child process started with an IPC channel (`child_process.fork`). */
export function forkedPlaneChild(child: ChildProcess): PlaneChild {
  const stderrTail = collectOutput(child.stdout, child.stderr);
  return {
    get pid() {
      return child.pid;
    },
    // With a callback, a send to a process that just died reports here instead of as an unhandled 'error' event.
    postMessage: (message) => void child.send(message, () => undefined),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.once('exit', (code) => listener(code)),
    kill: () => void child.kill(),
    stderrTail,
  };
}
