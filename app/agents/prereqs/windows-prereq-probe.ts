import fs from 'node:fs';
import path from 'node:path';
import type { PrereqItem } from '@ark-asa/contracts';
import { createCommandRunner, type RunCommand } from '../process/command-runner.ts';
import { powershellArgs } from '../process/windows-powershell.ts';
import type { PrereqProbe } from './prereq-host.ts';
import { PREREQ_NAMES } from './prereq-host.ts';
import {
  DIRECTX_DLLS,
  certScript,
  certificatesItem,
  directxItem,
  firstLine,
  parseCertRows,
  vcredistItem,
  type RegAnswer,
} from './windows-prereq-parsers.ts';

export const VC_KEY = 'HKLM\\SOFTWARE\\Microsoft\\VisualStudio\\14.0\\VC\\Runtimes\\x64';
export const DIRECTX_KEY = 'HKLM\\SOFTWARE\\Microsoft\\DirectX';

export interface WindowsProbeDeps {
  run?: RunCommand;
  fileExists?: (file: string) => boolean;
  /** %SystemRoot%, normally C:\Windows. */
  systemRoot?: string;
  now?: () => Date;
}

/** Reads the registry with reg.exe and the certificate stores with PowerShell: no native modules. */
export class WindowsPrereqProbe implements PrereqProbe {
  private readonly run: RunCommand;
  private readonly fileExists: (file: string) => boolean;
  private readonly systemRoot: string;
  private readonly now: () => Date;

  constructor(deps: WindowsProbeDeps = {}) {
    this.run = deps.run ?? createCommandRunner({ timeoutMs: 30_000 });
    this.fileExists = deps.fileExists ?? fs.existsSync;
    this.systemRoot = deps.systemRoot ?? process.env['SystemRoot'] ?? 'C:\\Windows';
    this.now = deps.now ?? (() => new Date());
  }

  async check(): Promise<PrereqItem[]> {
    return Promise.all([this.vcredist(), this.directx(), this.certificates()]);
  }

  /** `/reg:64`: the 64-bit view, whatever the bitness of the process asking. */
  private async reg(key: string): Promise<RegAnswer> {
    try {
      return await this.run('reg.exe', ['query', key, '/reg:64']);
    } catch (err) {
      return { code: -1, stdout: '', stderr: (err as Error).message };
    }
  }

  private async vcredist(): Promise<PrereqItem> {
    return vcredistItem(await this.reg(VC_KEY));
  }

  private async directx(): Promise<PrereqItem> {
    const dirs = ['System32', 'SysWOW64'].map((d) => path.win32.join(this.systemRoot, d));
    const found = DIRECTX_DLLS.filter((dll) => dirs.some((dir) => this.fileExists(path.win32.join(dir, dll))));
    return directxItem(await this.reg(DIRECTX_KEY), found);
  }

  private async certificates(): Promise<PrereqItem> {
    const base = { id: 'certificates' as const, name: PREREQ_NAMES.certificates };
    try {
      const res = await this.run('powershell.exe', powershellArgs(certScript()));
      if (res.code !== 0) throw new Error(firstLine(res.stderr));
      return certificatesItem(parseCertRows(res.stdout), this.now());
    } catch (err) {
      const detail = `Could not read the certificate stores: ${(err as Error).message}`;
      return {
        ...base,
        state: 'unknown',
        detail,
        fix: 'Check again; if it persists, import them by hand (see the docs)',
      };
    }
  }
}
