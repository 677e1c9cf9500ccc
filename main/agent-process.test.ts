/**
 * Agent mode with the real agent (app/agent-child.ts forked with tsx, behind the launcher Electron's
 * utility process uses) and a real control plane; only Electron is faked. The agent registers,
 * the tray's "Stop agent" stops it over the process channel (how Windows must do it), and the app
 * exits with the agent's own exit codes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Agent, CreatedAgent } from '@ark-asa/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { launchModeOf, type AgentLaunch } from './agent-mode.ts';
import { runAgentShell, useAgentProfile } from './agent-shell.ts';
import type { ShellControlPlane } from './control-plane-port.ts';
import { desktopPlaneStarter } from './desktop-plane.ts';
import { FakeElectron, memoryLogger } from './testing/fake-electron.ts';
import { forkAgents, type ForkedAgents } from './testing/fork-agent.ts';
import { forkPlanes, type ForkedPlanes } from './testing/fork-plane.ts';

const dirs: string[] = [];
const forks: ForkedAgents[] = [];
const planes: ShellControlPlane[] = [];
const planeForks: ForkedPlanes[] = [];
afterEach(async () => {
  for (const f of forks.splice(0)) f.killAll();
  for (const p of planes.splice(0)) await p.stop({ stopServers: false });
  for (const f of planeForks.splice(0)) f.killAll();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-mode-'));
  dirs.push(dir);
  return dir;
}

async function runApp(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const launch = launchModeOf(['ARK ASA Server Manager.exe', ...argv], false) as AgentLaunch;
  const electron = new FakeElectron(path.join(tempDir(), 'userData'));
  const agents = forkAgents(env);
  forks.push(agents);
  useAgentProfile(electron.app, launch);
  const shell = await runAgentShell({
    electron,
    mode: launch,
    logger: memoryLogger(),
    iconPath: '/i.ico',
    launch: agents.launch,
  });
  return { electron, agents, shell: shell! };
}

// Real Node children with the tsx loader and a real control plane: seconds each on a busy machine.
describe('agent mode with the real agent', { timeout: 120_000 }, () => {
  it('registers with the control plane, stops from the tray over the process channel and exits 0', async () => {
    // The control plane as the window mode runs it: app/cli.ts in a child, on a free port.
    const forked = forkPlanes();
    planeForks.push(forked);
    const plane = await desktopPlaneStarter({ launch: forked.launch, logger: memoryLogger() })({
      dataDir: tempDir(),
      port: 0,
    });
    planes.push(plane);
    const res = await fetch(`${plane.url}/api/v1/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Desktop agent' }),
    });
    const { agent, token } = (await res.json()) as CreatedAgent;
    const dataDir = tempDir();
    // The token from the environment, as a shortcut or a scheduled task would give it.
    const { electron, agents, shell } = await runApp(['--agent', '--control-plane', plane.url, '--data-dir', dataDir], {
      ARK_AGENT_TOKEN: token,
    });
    const status = async () => ((await (await fetch(`${plane.url}/api/v1/agents/${agent.id}`)).json()) as Agent).status;
    await waitFor('the agent online', async () => ((await status()) === 'ONLINE' ? true : undefined));
    expect(electron.trays[0]!.tooltip).toBe(`ARK ASA Server Manager: Agent for ${plane.url}`);

    electron.trays[0]!.item('Stop agent')!.click!({} as never, undefined, {});
    expect(await shell.exited).toBe(0);
    expect(electron.app.exitCode).toBe(0);
    await waitFor('the agent offline', async () => ((await status()) === 'OFFLINE' ? true : undefined));
    expect(agents.children).toHaveLength(1);
  });

  it('exits 2 on bad arguments and 1 when the data dir is held by another agent, saying why', async () => {
    const bad = await runApp(['--agent', '--no-tray', '--data-dir', tempDir()]);
    expect(await bad.shell.exited).toBe(2);
    expect(bad.agents.stderr()).toMatch(/--control-plane is required/);

    // Nothing listens there: the first agent keeps retrying, holding its data dir.
    const dataDir = tempDir();
    const args = [
      '--agent',
      '--no-tray',
      '--control-plane',
      'http://127.0.0.1:9',
      '--token',
      't',
      '--data-dir',
      dataDir,
    ];
    const first = await runApp(args);
    await waitFor('the first agent’s lock', () =>
      fs.readdirSync(dataDir).some((f) => f.endsWith('.lock')) ? true : undefined,
    );
    const second = await runApp(args);
    expect(await second.shell.exited).toBe(1);
    expect(second.agents.stderr()).toMatch(/Cannot start/);
    first.shell.stop('test');
    expect(await first.shell.exited).toBe(0);
  });
});
