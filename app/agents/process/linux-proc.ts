// Reading process facts from Linux /proc (proc(5)): the parsers are pure, the readers map
// "no such process" to null.
import { readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';

/**
 * /proc reports times in USER_HZ ticks, which the kernel fixes at 100 on every mainstream
 * architecture whatever CONFIG_HZ is (`getconf CLK_TCK`). Node cannot call sysconf, and spawning
 * getconf for a constant is not worth it.
 */
export const CLK_TCK = 100;

export interface ProcStat {
  /** One letter: R, S, D, Z (zombie), T, … */
  state: string;
  /** Process group id: equals the pid for a group leader (every `detached: true` child is one). */
  pgrp: number;
  /** Field 22: start time after boot, in clock ticks. */
  startTicks: number;
  /** Fields 14 and 15: CPU time spent in user and kernel mode so far, in clock ticks. */
  cpuTicks: number;
}

function malformed(what: string, text: string): AppError {
  return new AppError(ErrorCode.INTERNAL, `Unexpected ${what}: ${JSON.stringify(text.slice(0, 200))}`);
}

/**
 * Parses `/proc/<pid>/stat`. Field 2 (comm) is the program name in parentheses and may itself
 * contain spaces and ')' (a process can name itself anything), so the fields are counted from the
 * text after the LAST ')': there field 3 (state) is index 0, and field n is index n - 3.
 */
export function parseProcStat(text: string): ProcStat {
  const close = text.lastIndexOf(')');
  if (close < 0) throw malformed('/proc/<pid>/stat', text);
  const fields = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const state = fields[0];
  const pgrp = Number(fields[5 - 3]);
  const startTicks = Number(fields[22 - 3]);
  const cpuTicks = Number(fields[14 - 3]) + Number(fields[15 - 3]);
  if (!state || ![pgrp, startTicks, cpuTicks].every(Number.isSafeInteger)) throw malformed('/proc/<pid>/stat', text);
  return { state, pgrp, startTicks, cpuTicks };
}

/**
 * Resident memory from `/proc/<pid>/status` (`VmRSS:  123456 kB`), in bytes; null when the line
 * is absent (a zombie or a kernel thread). Read there rather than from stat's page count, which
 * would need the page size, and Node cannot ask for it.
 */
export function parseVmRssBytes(status: string): number | null {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** The `btime` line of /proc/stat: boot time in seconds since the epoch. */
export function parseBootTimeSec(text: string): number {
  const match = /^btime\s+(\d+)\s*$/m.exec(text);
  if (!match?.[1]) throw malformed('/proc/stat (no btime line)', text);
  return Number(match[1]);
}

/** argv[0] of a NUL-separated `/proc/<pid>/cmdline` ('' for kernel threads). */
export function parseArgv0(cmdline: string): string {
  return cmdline.split('\0')[0] ?? '';
}

export function startTimeMs(bootTimeSec: number, startTicks: number): number {
  return bootTimeSec * 1000 + Math.round((startTicks * 1000) / CLK_TCK);
}

function isGoneError(err: unknown): boolean {
  // ENOENT: no such pid. ESRCH: the process exited while its file was being read.
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ESRCH';
}

/** The file's text, or null when the process does not exist (any longer). */
export async function readProcFile(procRoot: string, pid: number, name: string): Promise<string | null> {
  try {
    return await readFile(path.join(procRoot, String(pid), name), 'utf8');
  } catch (err) {
    if (isGoneError(err)) return null;
    throw err;
  }
}

export async function readProcStat(procRoot: string, pid: number): Promise<ProcStat | null> {
  const text = await readProcFile(procRoot, pid, 'stat');
  return text === null ? null : parseProcStat(text);
}

/**
 * Boot time, read each time (it is cheap). The kernel derives btime from the wall clock in whole
 * seconds, so two readings can differ by a second (START_TIME_TOLERANCE_MS covers that), and it
 * jumps when the clock is stepped, which a cached value would not follow.
 */
export async function readBootTimeSec(procRoot: string): Promise<number> {
  return parseBootTimeSec(await readFile(path.join(procRoot, 'stat'), 'utf8'));
}

/**
 * Target of `/proc/<pid>/exe` or `/proc/<pid>/cwd`, or null when it cannot be read: the process is
 * gone, belongs to another user (EACCES), or is a kernel thread. Only ever extra evidence.
 */
export async function readProcLink(procRoot: string, pid: number, name: 'exe' | 'cwd'): Promise<string | null> {
  try {
    return await readlink(path.join(procRoot, String(pid), name));
  } catch {
    return null;
  }
}
