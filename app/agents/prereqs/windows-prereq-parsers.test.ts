import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  certificatesItem,
  certScript,
  directxItem,
  parseCertRows,
  parseRegQuery,
  regNumber,
  regString,
  vcredistItem,
} from './windows-prereq-parsers.ts';

// Outputs as reg.exe and PowerShell print them (CRLF, four-space columns, ConvertTo-Json -Compress).
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const ok = (stdout: string) => ({ code: 0, stdout, stderr: '' });
const keyMissing = { code: 1, stdout: '', stderr: fixture('reg-missing.stderr.txt') };
const NOW = new Date('2026-12-06T00:00:00Z');

describe('reg query output', () => {
  it('reads names, types and data of the values, DWORDs in hex', () => {
    const values = parseRegQuery(fixture('reg-vc-installed.txt'));
    expect(values.map((v) => v.name)).toEqual(['Installed', 'Major', 'Minor', 'Bld', 'Rbld', 'Version']);
    expect(regNumber(values, 'Installed')).toBe(1);
    expect(regNumber(values, 'minor')).toBe(40);
    expect(regNumber(values, 'Bld')).toBe(33810);
    expect(regString(values, 'Version')).toBe('v14.40.33810.00');
    expect(regString(values, 'Absent')).toBeNull();
  });

  it('keeps empty defaults and binary values, and skips subkey lines', () => {
    const values = parseRegQuery(fixture('reg-directx.txt'));
    expect(values).toEqual([
      { name: '(Default)', type: 'REG_SZ', data: '' },
      { name: 'InstalledVersion', type: 'REG_BINARY', data: '00000009000000000000000000000000' },
      { name: 'Version', type: 'REG_SZ', data: '4.09.00.0904' },
    ]);
  });
});

describe('Visual C++ runtime', () => {
  it('is ok when installed with a 2022 version', () => {
    expect(vcredistItem(ok(fixture('reg-vc-installed.txt')))).toMatchObject({
      id: 'vcredist',
      state: 'ok',
      detail: 'Installed, version v14.40.33810.00',
      fix: null,
    });
  });

  it('is missing when the key is absent, not installed, or older than 2022', () => {
    expect(vcredistItem(keyMissing)).toMatchObject({
      state: 'missing',
      fix: expect.stringContaining('vc_redist.x64.exe'),
    });
    const notInstalled = fixture('reg-vc-installed.txt').replace('REG_DWORD    0x1', 'REG_DWORD    0x0');
    expect(vcredistItem(ok(notInstalled)).state).toBe('missing');
    expect(vcredistItem(ok(fixture('reg-vc-2015.txt')))).toMatchObject({
      state: 'missing',
      detail: 'Version v14.00.24551.00 is older than 2022',
    });
  });

  it('is unknown when reg.exe could not answer', () => {
    expect(vcredistItem({ code: -1, stdout: '', stderr: 'reg.exe gave no answer: spawn ENOENT' })).toMatchObject({
      state: 'unknown',
      detail: 'reg query failed: reg.exe gave no answer: spawn ENOENT',
    });
  });
});

describe('DirectX (June 2010)', () => {
  it('is ok when one of the legacy DLLs exists', () => {
    expect(directxItem(ok(fixture('reg-directx.txt')), ['d3dx9_43.dll', 'xinput1_3.dll'])).toMatchObject({
      state: 'ok',
      detail: 'DirectX 4.09.00.0904; found d3dx9_43.dll, xinput1_3.dll',
    });
  });

  it('is missing without the DLLs, even though every Windows has the DirectX key', () => {
    const item = directxItem(ok(fixture('reg-directx.txt')), []);
    expect(item.state).toBe('missing');
    expect(item.detail).toMatch(/^DirectX 4\.09\.00\.0904; none of d3dx9_43\.dll/);
    expect(directxItem(keyMissing, []).detail).toMatch(/^no DirectX registry key/);
  });
});

describe('Amazon certificates', () => {
  it('parses one row (an object) or several (an array), and nothing', () => {
    expect(parseCertRows(fixture('certs-both.txt'))).toHaveLength(3);
    expect(parseCertRows(fixture('certs-root-only.txt'))).toEqual([
      {
        Store: 'LocalMachine\\Root',
        Subject: 'CN=Amazon Root CA 1, O=Amazon, C=US',
        Thumbprint: '8DA7F965EC5EFC37910F1C6E59FDC1CC6A6EDE16',
        NotAfter: '2038-01-17T00:00:00.0000000Z',
      },
    ]);
    expect(parseCertRows('\r\n')).toEqual([]);
  });

  it('is ok with both, saying where each was found', () => {
    expect(certificatesItem(parseCertRows(fixture('certs-both.txt')), NOW)).toMatchObject({
      state: 'ok',
      detail: 'Amazon Root CA 1 in LocalMachine\\Root, CurrentUser\\Root; Amazon RSA 2048 M02 in LocalMachine\\CA',
    });
  });

  it('names what is missing, and does not count an expired certificate', () => {
    expect(certificatesItem(parseCertRows(fixture('certs-root-only.txt')), NOW)).toMatchObject({
      state: 'missing',
      detail: 'Missing: Amazon RSA 2048 M02; Amazon Root CA 1 in LocalMachine\\Root',
    });
    const later = new Date('2031-01-01T00:00:00Z');
    expect(certificatesItem(parseCertRows(fixture('certs-both.txt')), later).detail).toBe(
      'Missing: Amazon RSA 2048 M02; Amazon Root CA 1 in LocalMachine\\Root, CurrentUser\\Root',
    );
  });

  it('queries the four stores with single quotes only (see powershellArgs)', () => {
    const script = certScript();
    expect(script).not.toContain('"');
    for (const store of ['LocalMachine\\Root', 'LocalMachine\\CA', 'CurrentUser\\Root', 'CurrentUser\\CA'])
      expect(script).toContain(`'${store}'`);
  });
});
