import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli, serviceInvocation } from './cli-args.ts';
import { systemdUnit, systemdWord, windowsArg, winswConfig, type ServiceInvocation } from './service-unit.ts';

/** The [Section] key=value pairs of a unit file (comments and blank lines dropped). */
function parseUnit(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current = '';
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) sections[(current = header[1]!)] = {};
    else {
      const eq = line.indexOf('=');
      expect(eq, `not key=value: ${line}`).toBeGreaterThan(0);
      sections[current]![line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return sections;
}

/** ExecStart= words back, the way systemd splits them (quotes, backslash escapes, %% and $$). */
function splitExec(line: string): string[] {
  const words = line.match(/"(?:\\.|[^"\\])*"|\S+/g) ?? [];
  return words.map((w) =>
    (w.startsWith('"') ? w.slice(1, -1).replace(/\\(.)/g, '$1') : w).replaceAll('%%', '%').replaceAll('$$', '$'),
  );
}

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
}

/**
 * A strict little reader of the XML this project writes: one comment, elements, attributes and
 * entity-escaped text. Throws on what a real parser would reject (unbalanced tags, "--" inside a
 * comment, a bare & or <), so the file WinSW reads is known to be well-formed.
 */
function readXml(text: string): XmlElement[] {
  const unescape = (s: string) => {
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(s) || s.includes('<')) throw new Error(`bad text: ${s}`);
    return s
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&');
  };
  const elements: XmlElement[] = [];
  const open: XmlElement[] = [];
  const re = /<!--([\s\S]*?)-->|<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [, comment, closing, name, attrs, selfClosing, chars] = m;
    if (comment !== undefined) {
      if (comment.includes('--')) throw new Error('"--" inside a comment');
    } else if (chars !== undefined) {
      if (open.length) open.at(-1)!.text += unescape(chars);
      else if (chars.trim()) throw new Error(`text outside the root: ${chars}`);
    } else if (closing) {
      if (open.pop()?.name !== name) throw new Error(`unbalanced </${name}>`);
    } else {
      const el: XmlElement = { name: name!, attrs: {}, text: '' };
      for (const a of attrs!.matchAll(/([\w:-]+)="([^"]*)"/g)) el.attrs[a[1]!] = unescape(a[2]!);
      elements.push(el);
      if (!selfClosing) open.push(el);
    }
    if (re.lastIndex === text.length) break;
  }
  if (re.lastIndex !== text.length || open.length) throw new Error(`not well-formed at ${re.lastIndex}`);
  return elements;
}

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
