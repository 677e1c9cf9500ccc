import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { InstallPrerequisitesResult, PrereqId } from '@ark-asa/contracts';
import { elevatedScript, psQuote } from '../firewall/windows-firewall-scripts.ts';
import { createCommandRunner, type CommandResult, type RunCommand } from '../process/command-runner.ts';
import { powershellArgs } from '../process/windows-powershell.ts';
import type { InstallContext, PrereqInstaller } from './prereq-host.ts';
import { PREREQ_NAMES } from './prereq-host.ts';
import {
  AMAZON_ROOT_CA1_URL,
  AMAZON_RSA_M02_URL,
  DXWEBSETUP_URL,
  VC_REDIST_URL,
  httpDownload,
  verifyAmazonCerts,
  type Download,
} from './prereq-downloads.ts';
import { firstLine } from './windows-prereq-parsers.ts';

/** Exit code of our own script when an installer is not signed by Microsoft. */
export const UNSIGNED_EXIT = 86;
/** Windows Installer: success, success but restart needed, a newer version is already there. */
const OK_CODES = new Set([0, 3010, 1638]);

/**
 * Runs a downloaded installer elevated: `Start-Process -Verb RunAs -Wait` shows the user a UAC
 * prompt and waits. The Authenticode check first refuses a file that Microsoft did not sign.
 */
export function installerScript(file: string, args: readonly string[]): string {
  const f = psQuote(file);
  return (
    `$ErrorActionPreference = 'Stop'; $sig = Get-AuthenticodeSignature -FilePath ${f}; ` +
    `if ($sig.Status -ne 'Valid' -or $sig.SignerCertificate.Subject -notmatch 'O=Microsoft Corporation') { exit ${UNSIGNED_EXIT} }; ` +
    `$p = Start-Process -FilePath ${f} -ArgumentList ${args.map(psQuote).join(',')} -Verb RunAs -Wait -PassThru; exit $p.ExitCode`
  );
}

/** Root into the machine's Trusted Root store, the intermediate into its Intermediate CAs (as certlm shows them). */
export function importCertsScript(rootFile: string, intermediateFile: string): string {
  return (
    `$ErrorActionPreference = 'Stop'; ` +
    `Import-Certificate -FilePath ${psQuote(rootFile)} -CertStoreLocation 'Cert:\\LocalMachine\\Root' | Out-Null; ` +
    `Import-Certificate -FilePath ${psQuote(intermediateFile)} -CertStoreLocation 'Cert:\\LocalMachine\\CA' | Out-Null`
  );
}

interface Outcome {
  id: PrereqId;
  ok: boolean;
  message: string;
  restart?: boolean;
}

export interface WindowsInstallerDeps {
  download?: Download;
  /** Runs powershell.exe; the elevated child waits for a person at the UAC prompt, hence a long limit. */
  run?: RunCommand;
  tempDir?: () => Promise<string>;
  /** Checks the downloaded certificates (default: pinned Amazon Root CA 1 and its signature on M02). */
  verifyCerts?: (rootDer: Buffer, intermediateDer: Buffer) => void;
}

export class WindowsPrereqInstaller implements PrereqInstaller {
  private readonly download: Download;
  private readonly run: RunCommand;
  private readonly tempDir: () => Promise<string>;
  private readonly verifyCerts: (rootDer: Buffer, intermediateDer: Buffer) => void;

  constructor(deps: WindowsInstallerDeps = {}) {
    this.download = deps.download ?? httpDownload;
    this.run = deps.run ?? createCommandRunner({ timeoutMs: 30 * 60_000 });
    this.tempDir = deps.tempDir ?? (() => fs.mkdtemp(path.join(os.tmpdir(), 'ark-prereqs-')));
    this.verifyCerts = deps.verifyCerts ?? verifyAmazonCerts;
  }

  async install(ids: readonly PrereqId[], ctx: InstallContext): Promise<InstallPrerequisitesResult> {
    const dir = await this.tempDir();
    const items: Outcome[] = [];
    try {
      for (const [i, id] of ids.entries()) {
        ctx.signal.throwIfAborted();
        const at = (share: number) => Math.round(((i + share) / ids.length) * 100);
        ctx.progress(at(0), `Downloading the ${PREREQ_NAMES[id]}…`);
        items.push(await this.one(id, dir, ctx, () => ctx.progress(at(0.5), `Installing the ${PREREQ_NAMES[id]}…`)));
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    ctx.progress(100, 'Done');
    return {
      items: items.map(({ id, ok, message }) => ({ id, ok, message })),
      restartNeeded: items.some((o) => o.restart === true),
    };
  }

  private async one(id: PrereqId, dir: string, ctx: InstallContext, installing: () => void): Promise<Outcome> {
    try {
      if (id === 'certificates') return await this.certificates(dir, ctx, installing);
      const [url, file, args] =
        id === 'vcredist'
          ? [VC_REDIST_URL, 'vc_redist.x64.exe', ['/install', '/passive', '/norestart']]
          : [DXWEBSETUP_URL, 'dxwebsetup.exe', ['/Q']];
      const target = path.join(dir, file);
      await this.download(url, target, ctx.signal);
      installing();
      const res = await this.run('powershell.exe', powershellArgs(installerScript(target, args)));
      return exeOutcome(id, res);
    } catch (err) {
      return { id, ok: false, message: `${PREREQ_NAMES[id]}: ${(err as Error).message}` };
    }
  }

  private async certificates(dir: string, ctx: InstallContext, installing: () => void): Promise<Outcome> {
    const root = path.join(dir, 'AmazonRootCA1.cer');
    const m02 = path.join(dir, 'r2m02.cer');
    await this.download(AMAZON_ROOT_CA1_URL, root, ctx.signal);
    await this.download(AMAZON_RSA_M02_URL, m02, ctx.signal);
    this.verifyCerts(await fs.readFile(root), await fs.readFile(m02));
    installing();
    const res = await this.run('powershell.exe', powershellArgs(elevatedScript(importCertsScript(root, m02))));
    if (res.code === 0) return { id: 'certificates', ok: true, message: `${PREREQ_NAMES.certificates}: imported` };
    return { id: 'certificates', ok: false, message: `${PREREQ_NAMES.certificates}: ${failure(res)}` };
  }
}

function exeOutcome(id: PrereqId, res: CommandResult): Outcome {
  const name = PREREQ_NAMES[id];
  if (OK_CODES.has(res.code)) {
    const restart = res.code === 3010;
    return { id, ok: true, restart, message: `${name}: installed${restart ? '; restart Windows to finish' : ''}` };
  }
  if (res.code === UNSIGNED_EXIT)
    return { id, ok: false, message: `${name}: the download is not signed by Microsoft; it was not run` };
  return { id, ok: false, message: `${name}: ${failure(res)}` };
}

function failure(res: CommandResult): string {
  if (/canceled by the user/i.test(res.stderr) || res.code === 1223)
    return 'the administrator prompt was declined; nothing was installed';
  return `the installer failed (exit code ${res.code}): ${firstLine(res.stderr)}`;
}
