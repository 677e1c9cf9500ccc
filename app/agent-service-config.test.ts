import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUnit, readXml, splitExec } from '../test/helpers/service-config-readers.ts';
import { AGENT_TOKEN_ENV } from './agent-cli-args.ts';
import {
  AGENT_SERVICE,
  agentServiceArgs,
  agentServiceConfig,
  agentServicePrintout,
  type AgentServiceOptions,
} from './agent-service-config.ts';
import { MANAGER_SERVICE, systemdUnit } from './service-unit.ts';

const options: AgentServiceOptions = {
  controlPlane: 'https://192.168.1.10:3000',
  dataDir: '/srv/ark agent/100% $HOME',
  name: 'Basement',
  caFile: '/etc/ark/cert.pem',
  steamcmdPath: null,
  logLevel: 'debug',
};

// `?? ''`: a machine without sh (Windows without Git's tools) has no systemd either.
const which = (tool: string) =>
  (spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout as string | null)?.trim() ?? '';

describe('the agent as a service', () => {
  it('prints a systemd unit that runs app/agent-cli.ts with its options, never the token', () => {
    const unit = agentServiceConfig('systemd', options);
    const { Unit, Service, Install } = parseUnit(unit);
    expect(Unit).toMatchObject({ Description: AGENT_SERVICE.description, After: 'network-online.target' });
    expect(Service).toMatchObject({
      User: os.userInfo().username,
      Restart: 'on-failure',
      // Bad arguments and a refusal for good (revoked token) are not retried every 10 s.
      RestartPreventExitStatus: '2 3',
      KillMode: 'process',
      KillSignal: 'SIGTERM',
      // No "-": without its token file the agent cannot run, and systemd says so at start.
      EnvironmentFile: '/etc/ark-asa-agent.env',
    });
    expect(Install).toEqual({ WantedBy: 'multi-user.target' });
    expect(splitExec(Service!.ExecStart!)).toEqual([
      process.execPath,
      '--import',
      import.meta.resolve('tsx'),
      path.resolve(import.meta.dirname, 'agent-cli.ts'),
      '--control-plane',
      'https://192.168.1.10:3000',
      '--data-dir',
      // Made absolute the way this OS does (a drive letter on Windows).
      path.resolve('/srv/ark agent/100% $HOME'),
      '--name',
      'Basement',
      '--ca',
      path.resolve('/etc/ark/cert.pem'),
      '--log-level',
      'debug',
    ]);
    expect(unit).toContain(`${AGENT_TOKEN_ENV}=<token>`);
    expect(unit).not.toMatch(/--token/);
  });

  it('names the token variable the agent reads', () => {
    expect(AGENT_SERVICE.tokenEnv).toBe(AGENT_TOKEN_ENV);
    expect(AGENT_SERVICE.id).not.toBe(MANAGER_SERVICE.id);
  });

  it('passes systemd-analyze verify when systemd is installed', () => {
    const tool = which('systemd-analyze');
    console.info(tool ? `verifying the agent unit with ${tool}` : 'systemd-analyze not installed: parser test only');
    if (!tool) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-agent-unit-'));
    const file = path.join(dir, 'ark-asa-agent.service');
    const inv = { ...options, dataDir: dir };
    fs.writeFileSync(file, agentServiceConfig('systemd', inv).replace(/^User=.*$/m, 'User=root'));
    const out = spawnSync(tool, ['verify', file], { encoding: 'utf8' });
    expect(`${out.stdout}${out.stderr}`.trim(), 'systemd-analyze verify').toBe('');
    expect(out.status).toBe(0);
  });

  it('prints a well-formed WinSW configuration for the agent', () => {
    const text = agentServiceConfig('winsw', { controlPlane: 'http://10.0.0.2:3000', dataDir: '/srv/agent' });
    const elements = readXml(text);
    const field = (name: string) => elements.find((e) => e.name === name)?.text;
    expect(field('id')).toBe('ark-asa-agent');
    expect(field('name')).toBe('ARK ASA Server Manager agent');
    expect(field('executable')).toBe(process.execPath);
    expect(field('arguments')).toContain(
      `agent-cli.ts --control-plane http://10.0.0.2:3000 --data-dir ${path.resolve('/srv/agent')}`,
    );
    expect(field('stoptimeout')).toBe('60 sec');
    expect(text).toContain(`<env name="${AGENT_TOKEN_ENV}" value="..."/>`);
    expect(text).toContain('stop them from the control plane first');
  });

  it('leaves defaults out and refuses an unknown kind, naming the option', () => {
    expect(agentServiceArgs({ controlPlane: 'http://cp:3000', dataDir: 'rel', logLevel: 'info' })).toEqual([
      '--control-plane',
      'http://cp:3000',
      '--data-dir',
      path.resolve('rel'),
    ]);
    expect(() => agentServiceConfig('nssm', options)).toThrow(/--print-service-config must be one of systemd, winsw/);
  });

  it('keeps the manager’s unit as it was: optional env file, restarts after any failure', () => {
    const unit = systemdUnit({
      nodePath: '/usr/bin/node',
      nodeArgs: [],
      entry: '/opt/ark/app/cli.ts',
      args: [],
      workingDirectory: '/opt/ark',
      user: 'ark',
      stopServersOnExit: false,
    });
    const { Service } = parseUnit(unit);
    expect(Service?.EnvironmentFile).toBe('-/etc/ark-asa-manager.env');
    expect(Service?.RestartPreventExitStatus).toBeUndefined();
    expect(unit).toContain('# Stop only the manager');
  });

  it('reads --print-service-config from the agent’s own command line, no token needed', () => {
    expect(agentServicePrintout(['--control-plane', 'http://cp:3000', '--data-dir', '/a'])).toBeNull();
    const printed = agentServicePrintout([
      '--control-plane',
      'http://cp:3000',
      '--print-service-config',
      'systemd',
      '--data-dir',
      '/a',
    ]);
    expect(printed?.warning).toBeNull();
    expect(splitExec(parseUnit(printed!.text).Service!.ExecStart!).slice(-4)).toEqual([
      '--control-plane',
      'http://cp:3000',
      '--data-dir',
      path.resolve('/a'),
    ]);
    const withToken = agentServicePrintout([
      '--print-service-config=winsw',
      '--token',
      'sekret',
      '--control-plane',
      'http://cp:3000',
      '--data-dir',
      '/a',
    ]);
    expect(withToken?.text).not.toContain('sekret');
    expect(withToken?.warning).toMatch(/not written into the winsw configuration: give it as ARK_AGENT_TOKEN/);
    expect(() => agentServicePrintout(['--print-service-config'])).toThrow(/needs systemd or winsw/);
    expect(() =>
      agentServicePrintout(['--print-service-config', 'launchd', '--control-plane', 'http://cp', '--data-dir', '/a']),
    ).toThrow(/must be one of systemd, winsw, not "launchd"/);
    expect(() => agentServicePrintout(['--print-service-config', 'systemd', '--data-dir', '/a'])).toThrow(
      /--control-plane is required/,
    );
  });
});
