import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executableKind, kindOfHeader, minimalPeHeader } from './executable-kind.ts';

describe('executableKind', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'exe-kind-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const file = async (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    await writeFile(p, content);
    return p;
  };

  it('reads the running Node binary as the native kind of this OS', async () => {
    // A real executable of each kind: Node is a PE image on Windows and an ELF file on Linux.
    const expected = process.platform === 'win32' ? 'windows-pe' : process.platform === 'linux' ? 'elf' : 'unknown';
    expect(await executableKind(process.execPath)).toBe(expected);
  });

  it('tells a file with an MZ header and a PE signature from a DOS-only MZ file', async () => {
    expect(await executableKind(await file('server.exe', minimalPeHeader()))).toBe('windows-pe');
    const dosOnly = Buffer.from(minimalPeHeader());
    dosOnly.write('XX', 0x80, 'latin1');
    expect(await executableKind(await file('dos.exe', dosOnly))).toBe('unknown');
  });

  it('reads a shebang script, text, an empty file and a missing file', async () => {
    expect(await executableKind(await file('run.sh', '#!/bin/sh\necho hi\n'))).toBe('script');
    expect(await executableKind(await file('notes.txt', 'MZ is not enough'))).toBe('unknown');
    expect(await executableKind(await file('empty', ''))).toBe('unknown');
    expect(await executableKind(path.join(dir, 'missing.exe'))).toBe('unknown');
    expect(await executableKind(dir)).toBe('unknown');
  });

  it('does not read past the header when e_lfanew points outside it', () => {
    const head = Buffer.from(minimalPeHeader());
    head.writeUInt32LE(0xffff_fff0, 0x3c);
    expect(kindOfHeader(head)).toBe('unknown');
    expect(kindOfHeader(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).toBe('elf');
  });
});
