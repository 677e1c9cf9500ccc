/**
 * Process hosting behind an interface (pterodactyl/wings ProcessEnvironment): the supervisor never
 * touches child_process directly, so it can be tested against a scripted fake, and Windows and
 * Linux differ only here.
 */

/** What identifies one OS process beyond its pid, which the OS recycles. */
export interface ProcessIdentity {
  pid: number;
  /** Absolute path of the executable as it was started. */
  exePath: string;
  /** When the OS says the process started (epoch ms). A recycled pid has another start time. */
  startTimeMs: number;
  /**
   * Of a live process, where the OS can tell (Linux /proc/<pid>/exe and /proc/<pid>/cwd): the file
   * actually executed and the working directory. `exePath` is argv[0] there, which a launcher may
   * replace; these are not. Never recorded, only compared.
   */
  exeLink?: string | null;
  cwd?: string | null;
}

export interface ProcessExit {
  /** null when unknown: an adopted process (not our child) or one killed by a signal. */
  code: number | null;
  signal: string | null;
}

export interface HostedProcess extends ProcessIdentity {
  /** Resolves once, when the process has exited. */
  readonly exited: Promise<ProcessExit>;
}

export interface SpawnOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /**
   * This server's own folder for a Windows compatibility prefix (Proton's STEAM_COMPAT_DATA_PATH,
   * Wine's WINEPREFIX), used only when a Linux host runs a Windows program through a runner.
   */
  compatPrefix?: string;
}

export interface ProcessUsage {
  cpuPercent: number;
  memoryBytes: number;
}

export interface ProcessHost {
  /**
   * Starts a game server without a shell (arguments are never re-parsed), detached from the
   * manager so closing the manager does not take the server down. `exePath` must be absolute;
   * Windows refuses .bat/.cmd files (BatBadBut). Fails with START_FAILED.
   */
  spawn(exePath: string, args: string[], opts: SpawnOptions): Promise<HostedProcess>;
  /**
   * The identity of the live process with this pid, or null when there is none (a zombie counts
   * as none). Throws when the OS could not be asked: that is not evidence of an exit.
   */
  inspect(pid: number): Promise<ProcessIdentity | null>;
  /**
   * Re-attaches to a server started by an earlier run of the manager. Returns null when that
   * process is gone or the pid now belongs to another program (other executable or start time);
   * such a process is never touched.
   */
  adopt(recorded: ProcessIdentity): Promise<HostedProcess | null>;
  /**
   * Kills the process and all its children (the last resort of a stop) and waits, bounded, until
   * it is gone (STOP_FAILED otherwise). Takes a bare pid: check the identity first (adopt, or
   * inspect + sameProcess), since a pid may have been recycled.
   */
  killTree(pid: number): Promise<void>;
  /**
   * Asks the process to exit (SIGTERM), without waiting. Only where the OS has such a request for
   * a bare pid: absent on Windows, where terminating is a hard kill of the root process alone.
   * Like killTree, takes a bare pid: check the identity first.
   */
  terminate?(pid: number): void;
  /**
   * CPU % (of one core = 100) and resident memory of live processes; missing pids are left out.
   * CPU % is measured between calls, so the first sample of a pid reads 0.
   */
  usage(pids: number[]): Promise<Map<number, ProcessUsage>>;
}

/** Start times are read with limited precision (clock ticks on Linux); allow this much slack. */
export const START_TIME_TOLERANCE_MS = 2000;

/** The same pid started at the same moment: what the OS tells apart from a recycled pid. */
export function sameStart(live: ProcessIdentity, recorded: ProcessIdentity): boolean {
  return live.pid === recorded.pid && Math.abs(live.startTimeMs - recorded.startTimeMs) <= START_TIME_TOLERANCE_MS;
}

/** Either separator: a recorded Windows path is compared on any OS. */
const dirOf = (p: string) => p.replace(/[\\/]+[^\\/]*$/, '');
const trimSep = (p: string) => p.replace(/(?<=.)[\\/]+$/, '');

/**
 * Whether `live` is the process recorded as `recorded`: same pid and start time, and the same
 * program. argv[0] alone cannot say the latter, since a launcher (a wrapper script, `exec -a`,
 * Proton) may start the server under another name; the executed file, or the working directory
 * the manager started it in (the executable's folder), is as good a proof beside the start time.
 */
export function sameProcess(live: ProcessIdentity, recorded: ProcessIdentity, caseInsensitivePaths: boolean): boolean {
  if (!sameStart(live, recorded)) return false;
  const norm = (p: string) => trimSep(caseInsensitivePaths ? p.toLowerCase() : p);
  const exe = norm(recorded.exePath);
  if (norm(live.exePath) === exe) return true;
  if (live.exeLink && norm(live.exeLink) === exe) return true;
  return !!live.cwd && !!exe && norm(live.cwd) === norm(dirOf(recorded.exePath));
}
