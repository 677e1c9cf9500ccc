/**
 * The desktop app's agent entry (app/agent-child.ts, bundled as out/main/agent.js) as a Node child
 * with an IPC channel, behind the same `AgentLauncher` as Electron's utility process.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { forkedAgentChild, type AgentChild, type AgentLauncher } from '../agent-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');

export interface ForkedAgents {
  launch: AgentLauncher;
  readonly children: AgentChild[];
  /** Everything the children wrote to stderr. */
  stderr(): string;
  killAll(): void;
}

export function forkAgents(env: NodeJS.ProcessEnv = {}): ForkedAgents {
  const children: AgentChild[] = [];
  const alive = new Set<AgentChild>();
  let stderr = '';
  const sink = { stdout: () => undefined, stderr: (chunk: string) => void (stderr += chunk) };
  const launch: AgentLauncher = (args) => {
    const child = fork(path.join(ROOT, 'app/agent-child.ts'), args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      execArgv: ['--import', TSX],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const agent = forkedAgentChild(child, sink);
    children.push(agent);
    alive.add(agent);
    agent.onExit(() => alive.delete(agent));
    return agent;
  };
  return { launch, children, stderr: () => stderr, killAll: () => [...alive].forEach((c) => c.kill()) };
}
