// Starting a server through AsaApiLoader.exe (docs/asa-api.md). The loader is given the server's
// own arguments and starts ArkAscendedServer.exe as a separate process with AsaApi injected, so
// the process supervised, recorded and adopted is that child, not the loader.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { familyOf, findProgramIn, programName, readProcTree } from '../process/proc-tree.ts';
import {
  sameProcess,
  type HostedProcess,
  type ProcessExit,
  type ProcessHost,
  type ProcessIdentity,
} from '../process/process-host.ts';
import { waitUntilGone } from '../process/process-watch.ts';
import { ASA_API_LOADER, loaderInstalled, loaderPath, win64Dir } from './asa-api-files.ts';

export const SERVER_PROGRAM = 'ArkAscendedServer.exe';

// By full path, as the Windows process host does: PATH may not hold System32 under a service.
const POWERSHELL = () =>
  path.win32.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');

/** Refuses a start with AsaApi enabled and no loader: a setting to fix, not a crash to retry. */
export async function loaderOrFail(installDir: string, instanceName: string): Promise<string> {
  if (await loaderInstalled(installDir)) return loaderPath(installDir);
  throw new AppError(
    ErrorCode.START_FAILED,
    `AsaApi is enabled for "${instanceName}" but ${ASA_API_LOADER} is not in ${win64Dir(installDir)}: install AsaApi into the server folder, or turn AsaApi off`,
  );
}

export interface FindServerOptions {
  platform?: NodeJS.Platform;
  procRoot?: string;
  timeoutMs?: number;
  pollMs?: number;
  exitPollMs?: number;
}

/** Pids of the direct children of `pid` named ArkAscendedServer.exe, from Win32_Process. */
async function windowsChildren(pid: number): Promise<number[]> {
  if (!Number.isSafeInteger(pid) || pid <= 0) return [];
  const script = `Get-CimInstance -ClassName Win32_Process -Filter 'ParentProcessId=${pid}' | Select-Object ProcessId, Name | ConvertTo-Json -Compress`;
  const { stdout } = await promisify(execFile)(POWERSHELL(), ['-NoProfile', '-NonInteractive', '-Command', script], {
    windowsHide: true,
  });
  if (!stdout.trim()) return [];
  const parsed = JSON.parse(stdout) as unknown;
  const rows = (Array.isArray(parsed) ? parsed : [parsed]) as { ProcessId?: number; Name?: string }[];
  return rows.filter((r) => r.Name?.toLowerCase() === SERVER_PROGRAM.toLowerCase()).map((r) => r.ProcessId ?? 0);
}

async function serverPidBelow(loaderPid: number, o: FindServerOptions): Promise<number | null> {
  if ((o.platform ?? process.platform) === 'win32') return (await windowsChildren(loaderPid))[0] ?? null;
  const procRoot = o.procRoot ?? '/proc';
  const found = await findProgramIn(procRoot, familyOf(await readProcTree(procRoot), loaderPid), SERVER_PROGRAM);
  return found?.pid ?? null;
}

/**
 * The server the loader started. A host that already hands back ArkAscendedServer.exe (the Linux
 * runner host finds it below Proton) needs no search. Fails when the loader exits first or at the timeout.
 */
export async function serverBelowLoader(
  host: ProcessHost,
  loader: HostedProcess,
  o: FindServerOptions = {},
): Promise<HostedProcess> {
  if (programName(loader.exePath).toLowerCase() === SERVER_PROGRAM.toLowerCase()) return loader;
  let loaderExit: ProcessExit | null = null;
  void loader.exited.then((e) => (loaderExit = e));
  const timeoutMs = o.timeoutMs ?? 120_000;
  for (let waited = 0; ; waited += o.pollMs ?? 250) {
    const pid = await serverPidBelow(loader.pid, o).catch(() => null);
    const live = pid ? await host.inspect(pid).catch(() => null) : null;
    if (live) return watchServer(host, live, loader, o);
    const exit = loaderExit as ProcessExit | null;
    if (exit) {
      throw new AppError(
        ErrorCode.START_FAILED,
        `${ASA_API_LOADER} exited with ${exit.signal ?? `code ${String(exit.code)}`} before ${SERVER_PROGRAM} started; see the AsaApi log in ShooterGame/Binaries/Win64/logs`,
      );
    }
    if (waited >= timeoutMs) {
      await host.killTree(loader.pid).catch(() => undefined);
      throw new AppError(
        ErrorCode.START_FAILED,
        `${ASA_API_LOADER} started but no ${SERVER_PROGRAM} appeared within ${Math.round(timeoutMs / 1000)} s; it was stopped`,
      );
    }
    await delay(o.pollMs ?? 250);
  }
}

/** Not our child, so its exit is polled; the exit code is the loader's when it follows at once. */
function watchServer(
  host: ProcessHost,
  live: ProcessIdentity,
  loader: HostedProcess,
  o: FindServerOptions,
): HostedProcess {
  const server: ProcessIdentity = { pid: live.pid, exePath: live.exePath, startTimeMs: live.startTimeMs };
  const windows = (o.platform ?? process.platform) === 'win32';
  const liveness = {
    inspect: (pid: number) => host.inspect(pid),
    same: (l: ProcessIdentity, r: ProcessIdentity) => sameProcess(l, r, windows),
  };
  const exited = waitUntilGone(server, liveness, { intervalMs: o.exitPollMs ?? 1000, keepAlive: false }).then(
    async () =>
      (await Promise.race([loader.exited, delay(2000, null, { ref: false })])) ?? { code: null, signal: null },
  );
  return { ...server, exited };
}
