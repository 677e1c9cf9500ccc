import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { minimalPeHeader } from './executable-kind.ts';
import { checkLinuxRunner } from './runner-check.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'runner-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const windowsExe = path.join(dir, 'ArkAscendedServer.exe');
writeFileSync(windowsExe, minimalPeHeader());
const protonDir = path.join(dir, 'GE-Proton9-20');
mkdirSync(protonDir);
writeFileSync(path.join(protonDir, 'proton'), '#!/usr/bin/env python3\n');
chmodSync(path.join(protonDir, 'proton'), 0o755);
writeFileSync(path.join(protonDir, 'version'), '1718000000 GE-Proton9-20\n');
const python = path.join(dir, 'bin');
mkdirSync(python);
writeFileSync(path.join(python, 'python3'), '');
chmodSync(path.join(python, 'python3'), 0o755);

describe('checkLinuxRunner', () => {
  it('without a runner fails only when an installed server is a Windows program', async () => {
    expect(await checkLinuxRunner({ runner: null, serverExes: [windowsExe] })).toMatchObject({
      ok: false,
      detail: expect.stringContaining('Linux needs Proton or Wine'),
    });
    expect(await checkLinuxRunner({ runner: null, serverExes: [process.execPath] })).toMatchObject({ ok: true });
  });

  it.runIf(process.platform !== 'win32')('reads the Proton version file and looks for python3', async () => {
    const runner = { kind: 'proton' as const, path: protonDir };
    expect(await checkLinuxRunner({ runner, serverExes: [], pathDirs: [python] })).toEqual({
      ok: true,
      detail: `Proton at ${path.join(protonDir, 'proton')} (GE-Proton9-20)`,
    });
    const noPython = await checkLinuxRunner({ runner, serverExes: [], pathDirs: [dir] });
    expect(noPython).toMatchObject({ ok: false, detail: expect.stringContaining('python3') });
  });

  it('says when the runner is missing, and asks Wine for its version', async () => {
    const missing = await checkLinuxRunner({ runner: { kind: 'wine', path: '/nowhere/wine' }, serverExes: [] });
    expect(missing).toMatchObject({ ok: false, detail: expect.stringContaining('does not exist') });
    const wine = { kind: 'wine' as const, path: process.execPath };
    const run = (file: string, args: readonly string[]) =>
      Promise.resolve({ stdout: `wine-9.0 ${file} ${args.join(' ')}\n`, stderr: '', code: 0 });
    expect(await checkLinuxRunner({ runner: wine, serverExes: [], run })).toEqual({
      ok: true,
      detail: `Wine at ${process.execPath} (wine-9.0 ${process.execPath} --version)`,
    });
  });
});
