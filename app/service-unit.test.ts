import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUnit, readXml, splitExec } from '../test/helpers/service-config-readers.ts';
import { parseCli, serviceInvocation } from './cli-args.ts';
import { systemdUnit, systemdWord, windowsArg, winswConfig, type ServiceInvocation } from './service-unit.ts';

const which = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();

describe('start-at-boot configurations', () => {
  const args = parseCli([
    '--port',
    '3100',
    '--data-dir',
    '/srv/ark data/100% $HOME',
    '--host',
    '0.0.0.0',
    '--token',
    'secret-token',
  ]);
  const inv = serviceInvocation(args, args.dataDir!, 'systemd');

  it('prints a systemd unit that runs this very command, without the token', () => {
    const unit = systemdUnit(inv);
    const { Unit, Service, Install } = parseUnit(unit);
    expect(Unit).toMatchObject({ After: 'network-online.target', Wants: 'network-online.target' });
    expect(Service).toMatchObject({
      Type: 'simple',
      User: os.userInfo().username,
      Restart: 'on-failure',
      KillMode: 'process',
      Environment: 'NODE_ENV=production',
      TimeoutStopSec: '60',
    });
    expect(Install).toEqual({ WantedBy: 'multi-user.target' });
    expect(splitExec(Service!.ExecStart!)).toEqual([
      process.execPath,
      '--import',
      import.meta.resolve('tsx'),
      path.resolve(import.meta.dirname, 'cli.ts'),
      '--host',
      '0.0.0.0',
      '--port',
      '3100',
      '--data-dir',
      '/srv/ark data/100% $HOME',
    ]);
    expect(unit).not.toContain('secret-token');
  });

  it('passes systemd-analyze verify when systemd is installed', () => {
    const tool = which('systemd-analyze');
    // Said out loud in the test output: a machine without systemd checks the unit by the parser above only.
    console.info(
      tool
        ? `systemd-analyze found at ${tool}: verifying the unit`
        : 'systemd-analyze not installed: unit checked by the parser test only',
    );
    if (!tool) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-unit-'));
    const file = path.join(dir, 'ark-asa-manager.service');
    fs.writeFileSync(file, systemdUnit({ ...inv, user: 'root' }));
    const out = spawnSync(tool, ['verify', file], { encoding: 'utf8' });
    expect(`${out.stdout}${out.stderr}`.trim(), 'systemd-analyze verify').toBe('');
    expect(out.status).toBe(0);
  });

  it('quotes ExecStart words the way systemd reads them', () => {
    expect(systemdWord('/usr/bin/node')).toBe('/usr/bin/node');
    expect(systemdWord('a b')).toBe('"a b"');
    expect(systemdWord('50%')).toBe('50%%');
    expect(systemdWord('$HOME')).toBe('$$HOME');
    expect(systemdWord('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
    expect(systemdWord('')).toBe('""');
  });

  it('prints a well-formed WinSW configuration that stops the servers gracefully on service stop', () => {
    const win: ServiceInvocation = {
      ...serviceInvocation(parseCli(['--data-dir', 'C:\\ARK Data\\']), 'C:\\ARK Data\\', 'winsw'),
      nodePath: 'C:\\Program Files\\nodejs\\node.exe',
      nodeArgs: ['--import', 'file:///C:/ark/node_modules/tsx/dist/loader.mjs'],
      entry: 'C:\\ark\\app\\cli.ts',
      args: ['--data-dir', 'C:\\ARK Data\\', '--stop-servers-on-exit'],
      workingDirectory: 'C:\\ark',
    };
    const text = winswConfig(win);
    const elements = readXml(text);
    const field = (name: string) => elements.find((e) => e.name === name)?.text;
    expect(elements[0]?.name).toBe('service');
    expect(field('id')).toBe('ark-asa-manager');
    expect(field('executable')).toBe('C:\\Program Files\\nodejs\\node.exe');
    expect(field('arguments')).toBe(
      '--import file:///C:/ark/node_modules/tsx/dist/loader.mjs C:\\ark\\app\\cli.ts --data-dir "C:\\ARK Data\\\\" --stop-servers-on-exit',
    );
    expect(field('stoptimeout')).toBe('180 sec');
    expect(field('stopparentprocessfirst')).toBe('true');
    expect(elements.find((e) => e.name === 'onfailure')?.attrs).toEqual({ action: 'restart', delay: '10 sec' });
    expect(elements.find((e) => e.name === 'env')?.attrs).toEqual({ name: 'NODE_ENV', value: 'production' });
    expect(() => readXml('<a><!-- x -- y --></a>')).toThrow();
    expect(() => readXml('<a>fish & chips</a>')).toThrow();
  });

  it('the WinSW invocation always stops servers (WinSW ends the process tree), the systemd one only when asked', () => {
    expect(serviceInvocation(parseCli([]), '/d', 'winsw').args).toContain('--stop-servers-on-exit');
    expect(serviceInvocation(parseCli([]), '/d', 'systemd').args).not.toContain('--stop-servers-on-exit');
  });

  it('quotes Windows arguments the way CommandLineToArgvW reads them back', () => {
    expect(windowsArg('plain')).toBe('plain');
    expect(windowsArg('a b')).toBe('"a b"');
    expect(windowsArg('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
    expect(windowsArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(windowsArg('a\\"b c')).toBe('"a\\\\\\"b c"');
    expect(windowsArg('')).toBe('""');
  });

  it('npm run serve -- --print-service-unit prints the unit and starts nothing', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        path.join(import.meta.dirname, 'cli.ts'),
        '--print-service-unit',
        '--port',
        '3111',
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(parseUnit(out).Service?.ExecStart).toMatch(/cli\.ts --port 3111 --data-dir /);
  });
});
