import path from 'node:path';
import type { InstanceStatus, LinuxRunner } from '@ark-asa/contracts';
import { checkDataRootPaths } from '../../agents/data-root-probe.ts';
import { checkWritable, diskSpace, isExecutable, tcpPortFree, udpPortFree } from '../../agents/host-probes.ts';
import { checkLinuxRunner } from '../../agents/process/runner-check.ts';
import { SERVER_EXE } from '../../agents/supervisor/start-checks.ts';
import type { JobHandler } from '../job-handler.ts';

export interface DiagnosticCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface DiagnosticsResult {
  ok: boolean;
  checks: DiagnosticCheck[];
}

export interface DiagnosticsDeps {
  settings: () => { dataRoot: string; steamcmdPath: string | null; linuxRunner?: LinuxRunner | null };
  instances: () => {
    name: string;
    status: InstanceStatus;
    settings: { gamePort: number; rconPort: number };
    installPath?: string | null;
  }[];
  platform?: NodeJS.Platform;
}

/** An ASA install is about 13 GB; below this a fresh install or an update will fail (0x202). */
const MIN_FREE_BYTES = 15 * 1024 ** 3;
const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;
const ACTIVE: InstanceStatus[] = ['STARTING', 'RUNNING', 'STOPPING'];

async function checkDisk(dataRoot: string): Promise<DiagnosticCheck> {
  const { freeBytes, totalBytes } = await diskSpace(dataRoot);
  const ok = freeBytes >= MIN_FREE_BYTES;
  const detail = `${gib(freeBytes)} free of ${gib(totalBytes)} at ${dataRoot}${ok ? '' : ' — a server build needs about 13 GiB'}`;
  return { name: 'disk-space', ok, detail };
}

async function checkDataRoot(dataRoot: string): Promise<DiagnosticCheck> {
  try {
    await checkWritable(dataRoot);
    return { name: 'data-root-writable', ok: true, detail: `${dataRoot} is writable` };
  } catch (err) {
    return { name: 'data-root-writable', ok: false, detail: `${dataRoot} is not writable: ${(err as Error).message}` };
  }
}

async function checkSteamcmd(steamcmdPath: string | null, platform: NodeJS.Platform): Promise<DiagnosticCheck> {
  if (!steamcmdPath) {
    const detail =
      platform === 'win32'
        ? 'SteamCMD is not installed yet; installing a server build downloads it'
        : 'SteamCMD is not set: install it and set steamcmdPath in the settings';
    return { name: 'steamcmd', ok: platform === 'win32', detail };
  }
  const ok = await isExecutable(steamcmdPath);
  return {
    name: 'steamcmd',
    ok,
    detail: ok ? `Found ${steamcmdPath}` : `${steamcmdPath} does not exist or is not executable`,
  };
}

async function checkPorts(deps: DiagnosticsDeps): Promise<DiagnosticCheck[]> {
  const instances = deps.instances();
  const targets = instances.length
    ? instances
    : [{ name: 'default ports', status: 'STOPPED' as InstanceStatus, settings: { gamePort: 7777, rconPort: 27020 } }];
  const checks: DiagnosticCheck[] = [];
  for (const inst of targets) {
    const running = ACTIVE.includes(inst.status);
    for (const [kind, port, free] of [
      ['game (UDP)', inst.settings.gamePort, udpPortFree],
      ['RCON (TCP)', inst.settings.rconPort, tcpPortFree],
    ] as const) {
      const isFree = await free(port);
      const detail = isFree
        ? `${kind} port ${port} of ${inst.name} is free`
        : running
          ? `${kind} port ${port} is in use by ${inst.name}, which is running`
          : `${kind} port ${port} of ${inst.name} is taken by another program`;
      checks.push({ name: `port-${port}`, ok: isFree || running, detail });
    }
  }
  return checks;
}

/** Windows' path limit and hard links where the data root is (docs/paths.md). */
async function checkDataRootDrive(dataRoot: string, platform: NodeJS.Platform): Promise<DiagnosticCheck> {
  const { warnings } = await checkDataRootPaths(dataRoot, { platform });
  if (warnings.length === 0)
    return { name: 'data-root-paths', ok: true, detail: `${dataRoot} can hold the server files` };
  return { name: 'data-root-paths', ok: false, detail: warnings.map((w) => w.message).join(' · ') };
}

/** Linux only: Proton or Wine, needed by the Windows ArkAscendedServer.exe (docs/linux-hosts.md). */
async function checkRunner(deps: DiagnosticsDeps): Promise<DiagnosticCheck> {
  const serverExes = deps.instances().flatMap((i) => (i.installPath ? [path.join(i.installPath, ...SERVER_EXE)] : []));
  const { ok, detail } = await checkLinuxRunner({ runner: deps.settings().linuxRunner ?? null, serverExes });
  return { name: 'linux-runner', ok, detail };
}

/** DIAGNOSTICS: what a user checks first when a server will not install or start. */
export function diagnosticsJob(deps: DiagnosticsDeps): JobHandler<'DIAGNOSTICS', DiagnosticsResult> {
  return {
    type: 'DIAGNOSTICS',
    lockKey: () => 'diagnostics',
    async run(ctx) {
      const { dataRoot, steamcmdPath } = deps.settings();
      const checks: DiagnosticCheck[] = [];
      ctx.progress(5, 'Checking the data root…');
      checks.push(await checkDataRoot(dataRoot));
      ctx.progress(30, 'Measuring free disk space…');
      checks.push(await checkDisk(dataRoot));
      ctx.progress(55, 'Looking for SteamCMD…');
      checks.push(await checkSteamcmd(steamcmdPath, deps.platform ?? process.platform));
      checks.push(await checkDataRootDrive(dataRoot, deps.platform ?? process.platform));
      if ((deps.platform ?? process.platform) === 'linux') checks.push(await checkRunner(deps));
      ctx.progress(75, 'Checking ports…');
      checks.push(...(await checkPorts(deps)));
      ctx.signal.throwIfAborted();
      return { ok: checks.every((c) => c.ok), checks };
    },
  };
}
