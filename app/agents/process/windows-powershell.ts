// The PowerShell queries of the Windows host and the parsing of their JSON answers. Pure, so it
// is tested on any OS. WMIC is gone from current Windows, so CIM through PowerShell it is.
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { z } from 'zod';
import { AppError } from '../../domain/app-error.ts';
import type { CpuTimeSample } from './cpu-rate.ts';
import { sameProcess, type ProcessIdentity } from './process-host.ts';
import { assertPid } from './process-watch.ts';

// Without this, PowerShell writes to a pipe in the OEM code page, and an install path with
// non-ASCII letters would come back mangled and never match the recorded one.
const UTF8_OUT = '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8';

/**
 * Arguments for powershell.exe. The scripts below quote with single quotes only: Node escapes an
 * embedded `"` as `\"` on the Windows command line, which PowerShell's -Command parsing does not
 * reliably undo. Only validated integers are ever put into a script.
 */
export function powershellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-Command', script];
}

/** One Win32_Process row: ExecutablePath, and CreationDate as ISO 8601 UTC ('o' format). */
export function identityScript(pid: number): string {
  assertPid(pid);
  const created = "@{Name='CreationDate'; Expression={$_.CreationDate.ToUniversalTime().ToString('o')}}";
  return `${UTF8_OUT}; Get-CimInstance -ClassName Win32_Process -Filter 'ProcessId=${pid}' | Select-Object ProcessId, ExecutablePath, ${created} | ConvertTo-Json -Compress`;
}

/**
 * CPU seconds (TotalProcessorTime) and WorkingSet64 of the live ones among `pids`. Missing pids
 * are skipped (SilentlyContinue), and `exit 0` keeps those skips from failing the whole call.
 */
export function usageScript(pids: readonly number[]): string {
  pids.forEach(assertPid);
  return `${UTF8_OUT}; Get-Process -Id ${pids.join(',')} -ErrorAction SilentlyContinue | Select-Object Id, CPU, WorkingSet64 | ConvertTo-Json -Compress; exit 0`;
}

function badOutput(what: string, stdout: string, cause?: unknown): AppError {
  return new AppError(
    ErrorCode.INTERNAL,
    `Unexpected ${what} output from PowerShell: ${stdout.slice(0, 200)}`,
    undefined,
    { cause },
  );
}

/** ConvertTo-Json prints nothing for no objects, an object for one and an array for several. */
export function jsonRows(stdout: string, what: string): unknown[] {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  if (text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw badOutput(what, stdout, err);
  }
  return Array.isArray(parsed) ? parsed : [parsed];
}

const Win32ProcessRow = z.object({
  ProcessId: z.number().int(),
  // null when we lack the rights to read it (another user's or a protected process).
  ExecutablePath: z.string().nullable(),
  CreationDate: z.string(),
});

export function parseIdentities(stdout: string): ProcessIdentity[] {
  return jsonRows(stdout, 'Win32_Process').map((row) => {
    const parsed = Win32ProcessRow.safeParse(row);
    const started = parsed.success ? Date.parse(parsed.data.CreationDate) : Number.NaN;
    if (!parsed.success || Number.isNaN(started)) throw badOutput('Win32_Process', stdout);
    // An unreadable path becomes '', which matches no recorded path: such a process is never adopted or killed.
    return { pid: parsed.data.ProcessId, exePath: parsed.data.ExecutablePath ?? '', startTimeMs: started };
  });
}

const GetProcessRow = z.object({ Id: z.number().int(), CPU: z.number().nullable(), WorkingSet64: z.number() });

export function parseUsage(stdout: string): CpuTimeSample[] {
  return jsonRows(stdout, 'Get-Process').map((row) => {
    const parsed = GetProcessRow.safeParse(row);
    if (!parsed.success) throw badOutput('Get-Process', stdout);
    return { pid: parsed.data.Id, cpuSeconds: parsed.data.CPU, memoryBytes: parsed.data.WorkingSet64 };
  });
}

/** Windows paths compare without regard to case or to `/` versus `\` (path.win32 rules). */
export function normalizeWindowsPath(p: string): string {
  return p === '' ? '' : path.win32.normalize(p);
}

export function sameWindowsProcess(live: ProcessIdentity, recorded: ProcessIdentity): boolean {
  if (live.exePath === '') return false;
  const norm = (id: ProcessIdentity) => ({ ...id, exePath: normalizeWindowsPath(id.exePath) });
  return sameProcess(norm(live), norm(recorded), true);
}

/**
 * Whether Windows would run this file through cmd.exe. Windows drops trailing dots and spaces
 * from file names, so `x.bat.` and `x.bat ` are batch files too.
 */
export function isBatchFile(exePath: string): boolean {
  const ext = path.win32.extname(exePath.replace(/[. ]+$/, '')).toLowerCase();
  return ext === '.bat' || ext === '.cmd';
}
