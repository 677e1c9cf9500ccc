import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchModeOf, type AgentLaunch } from './agent-mode.ts';
import type { AgentChild } from './agent-process.ts';
import { agentExitMessage, runAgentShell, useAgentProfile } from './agent-shell.ts';
import { FakeElectron, memoryLogger } from './testing/fake-electron.ts';
import { FakeEvent } from './testing/fake-emitter.ts';

/** A scripted agent child: records stop requests and kills, exits when the test says. */
class FakeAgentChild implements AgentChild {
  readonly pid = 4242;
  stopRequests = 0;
  killed = false;
  stderr = '';
  private readonly listeners: ((code: number | null) => void)[] = [];
  constructor(readonly args: string[]) {}
  onExit(listener: (code: number | null) => void): void {
    this.listeners.push(listener);
  }
  requestStop(): void {
    this.stopRequests += 1;
  }
  kill(): void {
    this.killed = true;
    this.exit(null);
  }
  stderrTail(): string {
    return this.stderr;
  }
  exit(code: number | null): void {
    for (const l of this.listeners.splice(0)) l(code);
  }
}

function mode(...args: string[]): AgentLaunch {
  const m = launchModeOf(['app.exe', '--agent', ...args], false, '/work');
  if (m.kind !== 'agent') throw new Error('not agent mode');
  return m;
}

async function setup(launch: AgentLaunch, platform: NodeJS.Platform = 'win32', stopTimeoutMs = 60_000) {
  const electron = new FakeElectron('/users/me/AppData/Roaming/ARK ASA Server Manager');
  electron.platform = platform;
  const children: FakeAgentChild[] = [];
  const logger = memoryLogger();
  useAgentProfile(electron.app, launch);
  const shell = await runAgentShell({
    electron,
    mode: launch,
    logger,
    iconPath: '/icon.ico',
    stopTimeoutMs,
    launch: (args) => {
      const child = new FakeAgentChild(args);
      children.push(child);
      return child;
    },
  });
  return { electron, children, logger, shell };
}

const CP = ['--control-plane', 'http://192.168.1.10:3000', '--data-dir', '/srv/agent'];

describe('the desktop app in agent mode', () => {
  it('runs the agent with no window, its profile in the data dir, and a tray naming the control plane', async () => {
    const { electron, children } = await setup(mode(...CP, '--token', 't'));
    expect(electron.app.paths.userData).toBe(path.join(path.resolve('/srv/agent'), 'desktop-shell'));
    expect(children.map((c) => c.args)).toEqual([[...CP, '--token', 't']]);
    // The only window is Windows' invisible session watcher.
    expect(electron.windows.map((w) => w.options.show)).toEqual([false]);
    const tray = electron.trays[0]!;
    expect(tray.tooltip).toBe('ARK ASA Server Manager: Agent for http://192.168.1.10:3000');
    expect(tray.item('Agent for http://192.168.1.10:3000')?.enabled).toBe(false);
    tray.item('Open logs folder')!.click!({} as never, undefined, {});
    expect(electron.shell.opened).toEqual([path.join(path.resolve('/srv/agent'), 'logs')]);
  });

  it('stops the agent from the tray and exits with its exit code', async () => {
    const { electron, children, shell } = await setup(mode(...CP));
    electron.trays[0]!.item('Stop agent')!.click!({} as never, undefined, {});
    expect(children[0]!.stopRequests).toBe(1);
    expect(electron.trays[0]!.menu.map((i) => i.label)).toEqual(['Stopping the agent…']);
    expect(electron.app.exitCode).toBeNull();
    children[0]!.exit(0);
    expect(electron.app.exitCode).toBe(0);
    expect(await shell!.exited).toBe(0);
    expect(electron.trays[0]!.destroyed).toBe(true);
    expect(electron.dialog.errors).toEqual([]);
  });

  it('turns a quit (SIGTERM to the app, a log-off) into a stop, once, and ends an agent that does not stop in time', async () => {
    const { electron, children, logger } = await setup(mode(...CP), 'linux', 20);
    electron.app.quit();
    electron.app.quit();
    expect(electron.app.quitted).toBe(false);
    expect(children[0]!.stopRequests).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(children[0]!.killed).toBe(true);
    expect(electron.app.exitCode).toBe(1);
    expect(logger.lines.some((l) => l.msg === 'the agent did not stop in time; ending it')).toBe(true);
    // Linux has no session watcher window.
    expect(electron.windows).toEqual([]);
  });

  it('stops the agent when the Windows session ends', async () => {
    const { electron, children } = await setup(mode(...CP));
    electron.windows[0]!.emit('session-end', new FakeEvent());
    expect(children[0]!.stopRequests).toBe(1);
  });

  it('says why the agent ended on its own when someone is at the desktop, and exits with its code', async () => {
    const { electron, children } = await setup(mode(...CP));
    children[0]!.stderr = 'Agent stopped: the token was revoked\n';
    children[0]!.exit(3);
    expect(electron.app.exitCode).toBe(3);
    expect(electron.dialog.errors).toEqual([
      {
        title: 'The control plane refused this agent',
        content: `Agent stopped: the token was revoked\n\nThe agent’s log is in ${path.join(path.resolve('/srv/agent'), 'logs')}.`,
      },
    ]);
  });

  it('shows no dialog with --no-tray (a scheduled task must not hang on one)', async () => {
    const { electron, children } = await setup(mode(...CP, '--no-tray'));
    expect(electron.trays).toEqual([]);
    children[0]!.exit(2);
    expect(electron.app.exitCode).toBe(2);
    expect(electron.dialog.errors).toEqual([]);
  });

  it('exits with 1 when an agent already runs with this data dir', async () => {
    const electron = new FakeElectron('/u');
    electron.app.lockGranted = false;
    const launched: string[][] = [];
    const shell = await runAgentShell({
      electron,
      mode: mode(...CP),
      logger: memoryLogger(),
      iconPath: '/i',
      launch: (args) => (launched.push(args), new FakeAgentChild(args)),
    });
    expect(shell).toBeNull();
    expect(launched).toEqual([]);
    expect(electron.app.exitCode).toBe(1);
  });

  it('starts without a data dir all the same: the agent refuses the arguments itself (exit 2)', async () => {
    const launch = mode('--control-plane', 'http://cp');
    const { electron, children } = await setup(launch);
    expect(electron.app.paths.userData).toBe('/users/me/AppData/Roaming/ARK ASA Server Manager');
    children[0]!.stderr = '--data-dir is required\n\nARK ASA Server Manager 0.1.0 — remote agent\n';
    children[0]!.exit(2);
    expect(electron.app.exitCode).toBe(2);
    expect(electron.dialog.errors[0]?.title).toBe('The agent’s options are not right');
  });

  it('words each exit code', () => {
    expect(agentExitMessage(0, 'x', null)).toBeNull();
    expect(agentExitMessage(1, 'Cannot start: the data dir is held by another agent', null)).toEqual({
      title: 'The agent cannot start',
      content: 'Cannot start: the data dir is held by another agent',
    });
    expect(agentExitMessage(9, '', null)).toEqual({
      title: 'The agent stopped (exit code 9)',
      content: 'It did not say why.',
    });
  });
});
