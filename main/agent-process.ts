/**
 * The remote agent as a child of the desktop app: the bundled agent entry (out/main/agent.js, from
 * app/agent-utility-entry.ts) in Electron's utilityProcess, as the control plane runs in the
 * window mode, or in a Node fork for tests. Windows cannot send a child SIGTERM, so a stop is asked
 * for over the process channel (`shutdown`), which the entry treats as SIGTERM.
 */
import type { ChildProcess } from 'node:child_process';
import { PROCESS_CHANNEL_VERSION, type ParentMessage } from '@ark-asa/contracts';
import type { UtilityFork } from './plane-launchers.ts';

export const AGENT_SERVICE_NAME = 'ARK ASA agent';
const OUTPUT_KEPT = 4000;

export interface AgentChild {
  readonly pid: number | undefined;
  /** Exactly once, with the agent's exit code (null: ended by a signal). */
  onExit(listener: (code: number | null) => void): void;
  /** Asks the agent to stop as on Ctrl+C: it closes its channel and its embedded manager; servers keep running. */
  requestStop(): void;
  /** Ends it at once (when it did not stop in time). */
  kill(): void;
  /** The end of what it wrote to stderr: why it could not start, or why it was refused. */
  stderrTail(): string;
}

export type AgentLauncher = (args: string[]) => AgentChild;

const SHUTDOWN: ParentMessage = { v: PROCESS_CHANNEL_VERSION, type: 'shutdown', stopServers: false };

/**
 * Passes the child's output on (a terminal that started the app shows what `npm run agent` would)
 * and keeps the end of stderr. Both pipes are read to the end, or the child's writes would block.
 */
function relayOutput(
  stdout: NodeJS.ReadableStream | null,
  stderr: NodeJS.ReadableStream | null,
  sink: { stdout: (chunk: string) => void; stderr: (chunk: string) => void },
): () => string {
  let tail = '';
  stdout?.on('data', (chunk: Buffer | string) => sink.stdout(chunk.toString()));
  stderr?.on('data', (chunk: Buffer | string) => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_KEPT);
    sink.stderr(chunk.toString());
  });
  return () => tail;
}

const processSink = {
  stdout: (chunk: string) => void process.stdout.write(chunk),
  stderr: (chunk: string) => void process.stderr.write(chunk),
};

/** The desktop app's agent: the bundled entry in a utility process. */
export function utilityAgentLauncher(fork: UtilityFork, entry: string, sink = processSink): AgentLauncher {
  return (args) => {
    const child = fork(entry, args, { serviceName: AGENT_SERVICE_NAME, stdio: 'pipe' });
    const stderrTail = relayOutput(child.stdout, child.stderr, sink);
    return {
      get pid() {
        return child.pid;
      },
      onExit: (listener) => void child.on('exit', (code) => listener(code)),
      requestStop: () => child.postMessage(SHUTDOWN),
      kill: () => void child.kill(),
      stderrTail,
    };
  };
}

/** The same entry in a Node fork (`child_process.fork` with an IPC channel): tests. */
export function forkedAgentChild(child: ChildProcess, sink = processSink): AgentChild {
  const stderrTail = relayOutput(child.stdout, child.stderr, sink);
  return {
    get pid() {
      return child.pid;
    },
    onExit: (listener) => void child.once('exit', (code) => listener(code)),
    // With a callback, a send to a child that just exited reports there instead of throwing.
    requestStop: () => void child.send(SHUTDOWN, () => undefined),
    kill: () => void child.kill(),
    stderrTail,
  };
}
