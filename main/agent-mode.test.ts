import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentProfileDir, launchModeOf, optionValue, userArgs, type AgentLaunch } from './agent-mode.ts';

const EXE = 'C:\\Program Files\\ARK ASA Server Manager\\ARK ASA Server Manager.exe';

function agent(argv: string[], defaultApp = false): AgentLaunch {
  const mode = launchModeOf(argv, defaultApp, '/home/ark');
  if (mode.kind !== 'agent') throw new Error('not agent mode');
  return mode;
}

describe('launch mode', () => {
  it('is the window without --agent, whatever else is given (the log-in item’s --hidden)', () => {
    expect(launchModeOf([EXE], false)).toEqual({ kind: 'window' });
    expect(launchModeOf([EXE, '--hidden'], false)).toEqual({ kind: 'window' });
    // In development `electron <app>`: the app's folder is not a user argument.
    expect(launchModeOf(['electron', '--agent'], true)).toEqual({ kind: 'window' });
  });

  it('is the agent with --agent anywhere, passing every other argument on', () => {
    const mode = agent([EXE, '--control-plane', 'http://192.168.1.10:3000', '--agent', '--data-dir=D:\\Agent']);
    expect(mode.agentArgs).toEqual(['--control-plane', 'http://192.168.1.10:3000', '--data-dir=D:\\Agent']);
    expect(mode.controlPlane).toBe('http://192.168.1.10:3000');
    expect(mode.tray).toBe(true);
  });

  it('keeps the token where the user put it (the agent reads --token or ARK_AGENT_TOKEN itself)', () => {
    const mode = agent(
      ['electron', 'out/main/main.js', '--agent', '--token', 't0k', '--control-plane', 'http://cp'],
      true,
    );
    expect(mode.agentArgs).toEqual(['--token', 't0k', '--control-plane', 'http://cp']);
  });

  it('drops its own switches and Chromium’s, which the agent’s parser would refuse', () => {
    const mode = agent([
      EXE,
      '--agent',
      '--no-tray',
      '--no-sandbox',
      '--hidden',
      '--ozone-platform=headless',
      '--name',
      'Box',
    ]);
    expect(mode.agentArgs).toEqual(['--name', 'Box']);
    expect(mode.tray).toBe(false);
  });

  it('resolves the data dir for the profile and leaves it null when missing', () => {
    expect(agent([EXE, '--agent', '--data-dir', 'agent-data']).dataDir).toBe(path.resolve('/home/ark', 'agent-data'));
    const bare = agent([EXE, '--agent']);
    expect(bare).toMatchObject({ dataDir: null, controlPlane: null, agentArgs: [] });
    expect(agentProfileDir(bare)).toBeNull();
    expect(agentProfileDir(agent([EXE, '--agent', '--data-dir', '/srv/a']))).toBe(
      path.join(path.resolve('/srv/a'), 'desktop-shell'),
    );
  });

  it('reads options both ways parseArgs does', () => {
    expect(optionValue(['--data-dir', 'x'], '--data-dir')).toBe('x');
    expect(optionValue(['--data-dir=y'], '--data-dir')).toBe('y');
    expect(optionValue(['--data-dir'], '--data-dir')).toBeNull();
    expect(optionValue(['--data-directory=z'], '--data-dir')).toBeNull();
    expect(userArgs(['exe', 'a'], false)).toEqual(['a']);
    expect(userArgs(['electron', 'app', 'a'], true)).toEqual(['a']);
  });
});
