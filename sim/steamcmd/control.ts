// Control file of the steamcmd simulator: `<home>/steamcmd-sim.json`, re-read on every run.
import path from 'node:path';
import {
  readBoolean,
  readJsonObjectSync,
  readNullableNumber,
  readNullableString,
  readNumber,
  readString,
  readStringRecord,
} from '../shared/json-file.ts';

/**
 * What the next run does (docs/ark-facts.md#what-steamcmd-prints, #progress-lines-and-state-codes, #error-lines, #exit-codes):
 * - `normal`: behaves like a healthy steamcmd.
 * - `self-update-first-run`: the first run ever in this home prints the self-update transcript (§1.3(a))
 *   and exits 7 without running the commands; later runs are normal.
 * - `disk-full`: app_update ends with `Error! App '2430930' state is 0x202 after update job.`, exit 8.
 * - `network`: downloads a bit, prints `0x401 stopping` lines, then `... state is 0x602 ...`, exit 8.
 * - `state-0x6`: `Error! App '2430930' state is 0x6 after update job.`, exit 8 (cause only in content_log.txt).
 * - `no-subscription`: `ERROR! Failed to install app '2430930' (No subscription)`, exit 8.
 * - `appinfo-timeout`: `ERROR! Timed out waiting for AppInfo update.`, exit 1 (app_update and app_info_*).
 * - `hang`: prints some progress, then never exits, prints and writes nothing more (cancellation tests; with
 *   `bufferedChunks` the pipe receives nothing at all, the silent stall a manager's watchdog must end).
 *
 * Windows redirected output: `bufferedChunks` with a `chunkBytes` larger than the whole output keeps
 * every line in the buffer until exit, as steamcmd.exe does when its stdout is a pipe; add
 * `omitSuccessLine` for the run whose pipe never receives `Success!` although the install is done.
 */
export type SteamcmdMode =
  | 'normal'
  | 'self-update-first-run'
  | 'disk-full'
  | 'network'
  | 'state-0x6'
  | 'no-subscription'
  | 'appinfo-timeout'
  | 'hang';

export interface SteamcmdSimControl {
  mode: SteamcmdMode;
  /** Build id that app_update installs (written to the manifest). Default '12345678'. */
  buildId: string;
  /** Build id app_info_print reports for branch `public`; null = same as buildId. Default null. */
  latestBuildId: string | null;
  /** Build ids per beta branch for `app_update 2430930 -beta <b>` and app_info; missing = buildId. */
  betaBuildIds: Record<string, string>;
  /** app_info_print answers `No app info for AppID 2430930 found, requesting...` and an empty block (§1.9). */
  appInfoEmpty: boolean;
  /** Progress percentages with a decimal comma, as on a German locale (§1.3). */
  decimalComma: boolean;
  /** Write stdout in chunks of `chunkBytes`, splitting lines across writes, like redirected stdout (§1.3). */
  bufferedChunks: boolean;
  /** Chunk size for bufferedChunks. Default 4096. */
  chunkBytes: number;
  /** The install completes on disk (manifest StateFlags 4, files in place) but no `Success!` line is printed. */
  omitSuccessLine: boolean;
  /** Terminate lines with CRLF as steamcmd.exe's text-mode stdout would on Windows [inferred]. Default false. */
  crlf: boolean;
  /** Repeat one identical download progress line this many extra times, as when a download stalls (§1.3). */
  stallRepeats: number;
  /** Total duration of a download job in ms (validate and commit phases included). Default 1200. */
  durationMs: number;
  /** Size of ShooterGame/Content/Paks/ShooterGame-WindowsServer.pak in bytes (real bytes). Default 1 MiB. */
  payloadBytes: number;
  /** Written to ShooterGame/Binaries/Win64/version.txt; the server simulator prints it as `ARK Version:`. */
  arkVersion: string;
  /** Forces the process exit code at the end of the run (null = the code the run produced). */
  exitCodeOverride: number | null;
}

export const STEAMCMD_CONTROL_DEFAULTS: Readonly<SteamcmdSimControl> = Object.freeze({
  mode: 'normal',
  buildId: '12345678',
  latestBuildId: null,
  betaBuildIds: {},
  appInfoEmpty: false,
  decimalComma: false,
  bufferedChunks: false,
  chunkBytes: 4096,
  omitSuccessLine: false,
  crlf: false,
  stallRepeats: 0,
  durationMs: 1200,
  payloadBytes: 1024 * 1024,
  arkVersion: '25.54',
  exitCodeOverride: null,
});

const MODES: readonly SteamcmdMode[] = [
  'normal',
  'self-update-first-run',
  'disk-full',
  'network',
  'state-0x6',
  'no-subscription',
  'appinfo-timeout',
  'hang',
];

export const STEAMCMD_CONTROL_FILE = 'steamcmd-sim.json';

export function steamcmdControlPath(home: string): string {
  return path.join(home, STEAMCMD_CONTROL_FILE);
}

/** Reads the control file; missing or unreadable fields fall back to the defaults. */
export function readSteamcmdControl(home: string): SteamcmdSimControl {
  const src = readJsonObjectSync(steamcmdControlPath(home)) ?? {};
  const d = STEAMCMD_CONTROL_DEFAULTS;
  const mode = readString(src, 'mode', d.mode);
  return {
    mode: MODES.find((m) => m === mode) ?? d.mode,
    buildId: readString(src, 'buildId', d.buildId),
    latestBuildId: readNullableString(src, 'latestBuildId', d.latestBuildId),
    betaBuildIds: readStringRecord(src, 'betaBuildIds'),
    appInfoEmpty: readBoolean(src, 'appInfoEmpty', d.appInfoEmpty),
    decimalComma: readBoolean(src, 'decimalComma', d.decimalComma),
    bufferedChunks: readBoolean(src, 'bufferedChunks', d.bufferedChunks),
    chunkBytes: Math.max(1, Math.floor(readNumber(src, 'chunkBytes', d.chunkBytes))),
    omitSuccessLine: readBoolean(src, 'omitSuccessLine', d.omitSuccessLine),
    crlf: readBoolean(src, 'crlf', d.crlf),
    stallRepeats: Math.max(0, Math.floor(readNumber(src, 'stallRepeats', d.stallRepeats))),
    durationMs: Math.max(0, readNumber(src, 'durationMs', d.durationMs)),
    payloadBytes: Math.max(0, Math.floor(readNumber(src, 'payloadBytes', d.payloadBytes))),
    arkVersion: readString(src, 'arkVersion', d.arkVersion),
    exitCodeOverride: readNullableNumber(src, 'exitCodeOverride', d.exitCodeOverride),
  };
}
