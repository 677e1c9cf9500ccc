import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunCommand } from '../process/command-runner.ts';
import { createPrereqHost } from './create-prereq-host.ts';
import { NotApplicablePrereqHost } from './prereq-host.ts';
import { DIRECTX_KEY, VC_KEY, WindowsPrereqProbe } from './windows-prereq-probe.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

/** reg.exe and powershell.exe as a scripted table; records every call. */
function scripted(answers: Record<string, string | Error>): { run: RunCommand; calls: string[][] } {
  const calls: string[][] = [];
  const run: RunCommand = (file, args) => {
    calls.push([file, ...args]);
    const key = file === 'reg.exe' ? args[1]! : file;
    const answer = answers[key];
    if (answer instanceof Error) return Promise.reject(answer);
    if (answer === undefined)
      return Promise.resolve({ code: 1, stdout: '', stderr: fixture('reg-missing.stderr.txt') });
    return Promise.resolve({ code: 0, stdout: answer, stderr: '' });
  };
  return { run, calls };
}

describe('WindowsPrereqProbe (scripted reg.exe and PowerShell)', () => {
  it('checks the three prerequisites through reg query (64-bit view), the DLLs and the cert stores', async () => {
    const { run, calls } = scripted({
      [VC_KEY]: fixture('reg-vc-installed.txt'),
      [DIRECTX_KEY]: fixture('reg-directx.txt'),
      'powershell.exe': fixture('certs-both.txt'),
    });
    const probe = new WindowsPrereqProbe({
      run,
      systemRoot: 'C:\\Windows',
      fileExists: (f) => f === 'C:\\Windows\\SysWOW64\\xinput1_3.dll',
      now: () => new Date('2026-12-06T00:00:00Z'),
    });
    const items = await probe.check();
    expect(items.map((i) => [i.id, i.state])).toEqual([
      ['vcredist', 'ok'],
      ['directx', 'ok'],
      ['certificates', 'ok'],
    ]);
    expect(items[1]?.detail).toMatch(/found xinput1_3\.dll/);
    expect(calls).toContainEqual(['reg.exe', 'query', VC_KEY, '/reg:64']);
  });

  it('reports missing and unknown instead of throwing', async () => {
    const { run } = scripted({ 'powershell.exe': new Error('powershell.exe gave no answer: spawn ENOENT') });
    const items = await new WindowsPrereqProbe({ run, fileExists: () => false }).check();
    expect(items.map((i) => [i.id, i.state])).toEqual([
      ['vcredist', 'missing'],
      ['directx', 'missing'],
      ['certificates', 'unknown'],
    ]);
    expect(items[2]?.detail).toMatch(/Could not read the certificate stores: powershell\.exe gave no answer/);
  });
});

describe('other platforms', () => {
  it('are not applicable, with nothing to fix', async () => {
    const host = createPrereqHost('linux');
    expect(host).toBeInstanceOf(NotApplicablePrereqHost);
    const items = await host.check();
    expect(items.map((i) => [i.id, i.state, i.fix])).toEqual([
      ['vcredist', 'not-applicable', null],
      ['directx', 'not-applicable', null],
      ['certificates', 'not-applicable', null],
    ]);
    expect(items[0]?.detail).toMatch(/Proton or Wine/);
  });
});
