import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandResult, RunCommand } from '../process/command-runner.ts';
import {
  AMAZON_ROOT_CA1_SHA256,
  AMAZON_ROOT_CA1_URL,
  AMAZON_RSA_M02_URL,
  DXWEBSETUP_URL,
  VC_REDIST_URL,
  verifyAmazonCerts,
  type Download,
} from './prereq-downloads.ts';
import {
  importCertsScript,
  installerScript,
  UNSIGNED_EXIT,
  WindowsPrereqInstaller,
} from './windows-prereq-installer.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A downloader that writes a marker file (nothing is ever fetched) and a runner with scripted exit codes. */
function fakes(results: Partial<CommandResult>[]) {
  const downloads: string[] = [];
  const scripts: string[] = [];
  const download: Download = (url, file) => {
    downloads.push(url);
    fs.writeFileSync(file, `stand-in for ${url}`);
    return Promise.resolve();
  };
  const run: RunCommand = (file, args) => {
    expect(file).toBe('powershell.exe');
    scripts.push(args.at(-1)!);
    return Promise.resolve({ stdout: '', stderr: '', code: 0, ...results[scripts.length - 1] });
  };
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "ark-prereq it's-"));
    dirs.push(d);
    return Promise.resolve(d);
  };
  return { downloads, scripts, download, run, tempDir };
}

const ctx = () => {
  const progress: number[] = [];
  return { progress, ctx: { progress: (p: number) => void progress.push(p), signal: new AbortController().signal } };
};

describe('WindowsPrereqInstaller (fake downloader and runner)', () => {
  it('downloads each installer and runs it elevated with its silent switches', async () => {
    const f = fakes([{ code: 0 }, { code: 3010 }]);
    const installer = new WindowsPrereqInstaller(f);
    const { ctx: c, progress } = ctx();
    const result = await installer.install(['vcredist', 'directx'], c);
    expect(f.downloads).toEqual([VC_REDIST_URL, DXWEBSETUP_URL]);
    expect(f.scripts[0]).toMatch(
      /vc_redist\.x64\.exe' -ArgumentList '\/install','\/passive','\/norestart' -Verb RunAs -Wait/,
    );
    expect(f.scripts[1]).toMatch(/dxwebsetup\.exe' -ArgumentList '\/Q' -Verb RunAs -Wait/);
    expect(result).toEqual({
      items: [
        { id: 'vcredist', ok: true, message: 'Visual C++ 2015–2022 x64 runtime: installed' },
        {
          id: 'directx',
          ok: true,
          message: 'DirectX End-User Runtime (June 2010): installed; restart Windows to finish',
        },
      ],
      restartNeeded: true,
    });
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);
    // The downloads are removed afterwards.
    expect(dirs.every((d) => !fs.existsSync(d))).toBe(true);
  });

  it('says so when the user declines UAC, when the download is unsigned, and when the installer fails', async () => {
    const f = fakes([
      {
        code: 1,
        stderr: 'Start-Process : This command cannot be run due to the error: The operation was canceled by the user.',
      },
      { code: UNSIGNED_EXIT },
    ]);
    const result = await new WindowsPrereqInstaller(f).install(['vcredist', 'directx'], ctx().ctx);
    expect(result.items.map((i) => i.message)).toEqual([
      'Visual C++ 2015–2022 x64 runtime: the administrator prompt was declined; nothing was installed',
      'DirectX End-User Runtime (June 2010): the download is not signed by Microsoft; it was not run',
    ]);
    const failing = fakes([{ code: 1603, stderr: 'Fatal error during installation.' }]);
    const failed = await new WindowsPrereqInstaller(failing).install(['vcredist'], ctx().ctx);
    expect(failed.items[0]).toMatchObject({ ok: false, message: expect.stringMatching(/exit code 1603/) });
  });

  it('imports both certificates after checking them, through one elevated PowerShell', async () => {
    const f = fakes([{ code: 0 }]);
    const checked: string[] = [];
    const installer = new WindowsPrereqInstaller({
      ...f,
      verifyCerts: (root, m02) => void checked.push(root.toString(), m02.toString()),
    });
    const result = await installer.install(['certificates'], ctx().ctx);
    expect(f.downloads).toEqual([AMAZON_ROOT_CA1_URL, AMAZON_RSA_M02_URL]);
    expect(checked).toEqual([`stand-in for ${AMAZON_ROOT_CA1_URL}`, `stand-in for ${AMAZON_RSA_M02_URL}`]);
    expect(f.scripts[0]).toMatch(/Start-Process -FilePath 'powershell\.exe' -Verb RunAs -Wait/);
    expect(result.items).toEqual([
      { id: 'certificates', ok: true, message: 'Amazon Root CA 1 and Amazon RSA 2048 M02 certificates: imported' },
    ]);
  });

  it('imports nothing when the certificates do not check out', async () => {
    const f = fakes([]);
    const result = await new WindowsPrereqInstaller(f).install(['certificates'], ctx().ctx);
    expect(f.scripts).toEqual([]);
    expect(result.items[0]?.ok).toBe(false);
  });
});

describe('scripts', () => {
  it('quote paths with apostrophes and check the Authenticode signature first', () => {
    const script = installerScript("C:\\Users\\O'Neil\\vc_redist.x64.exe", ['/install']);
    expect(script).toContain("-FilePath 'C:\\Users\\O''Neil\\vc_redist.x64.exe'");
    expect(script.indexOf('Get-AuthenticodeSignature')).toBeLessThan(script.indexOf('Start-Process'));
    expect(importCertsScript('a.cer', 'b.cer')).toMatch(
      /'a\.cer' -CertStoreLocation 'Cert:\\LocalMachine\\Root'.*'b\.cer' -CertStoreLocation 'Cert:\\LocalMachine\\CA'/,
    );
  });
});

describe('verifyAmazonCerts', () => {
  const der = (name: string) =>
    new X509Certificate(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name))).raw;

  it('pins Amazon Root CA 1 by its published SHA-256', () => {
    expect(new X509Certificate(der('amazon-root-ca-1.pem')).fingerprint256).toBe(AMAZON_ROOT_CA1_SHA256);
    expect(() => verifyAmazonCerts(der('amazon-root-ca-2.pem'), der('amazon-root-ca-1.pem'))).toThrow(
      /does not have the published fingerprint/,
    );
  });

  it('refuses an intermediate that is not M02 signed by that root', () => {
    expect(() => verifyAmazonCerts(der('amazon-root-ca-1.pem'), der('amazon-root-ca-2.pem'))).toThrow(
      /not signed by Amazon Root CA 1/,
    );
  });
});
