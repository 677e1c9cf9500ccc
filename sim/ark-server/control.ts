// Control file of the server simulator: `ShooterGame/Saved/sim-control.json`, read at start and polled
// (~200 ms) while running, so a test can change behaviour of a live process.
import {
  isObject,
  mergeJsonFile,
  readBoolean,
  readJsonObjectSync,
  readNullableNumber,
  readNullableString,
  readNumber,
  readString,
} from '../shared/json-file.ts';
import type { JsonObject } from '../shared/json-file.ts';
import { serverPaths } from './paths.ts';

export interface ServerSimPlayer {
  name: string;
  /** 32-hex EOS id (docs/ark-facts.md#rcon-commands ListPlayers). */
  id: string;
  /** Seconds after the server became ready (advertising line) at which the player joins. */
  joinAfterSec: number;
  /** Seconds after ready at which the player leaves; null/absent = stays. */
  leaveAfterSec?: number | null;
  /** `Platform:` value in the join line; default 'None' (docs/ark-facts.md#logs). */
  platform?: string;
}

/** A chat line a player says (RCON GetChat returns it as `Name (Character): message`). */
export interface ServerSimChat {
  /** Seconds after the server became ready at which it is said. */
  afterSec: number;
  name: string;
  /** The survivor's name in the brackets; default the player name. */
  character?: string;
  message: string;
}

/** `text` = `World Saved` / `Exiting...`; `no-response` = `Server received, But no response!!` (docs/ark-facts.md#rcon-commands). */
export type RconReplyVariant = 'text' | 'no-response';

export interface ServerSimControl {
  /** Seconds from process start to `Full Startup:` (then RCON listens and the advertising line follows). Default 3. */
  startupSeconds: number;
  /** Stops before `Full Startup:`: never advertises, never listens on RCON. Default false. */
  hangOnStart: boolean;
  /** Crash this many seconds after process start; null = never. Default null. */
  crashAfterSeconds: number | null;
  /** Crash at the next poll. Default false. */
  crashNow: boolean;
  /** Hard crash: exit at once with crashExitCode, no crash folder, no log lines. Default false. */
  crashWithoutFiles: boolean;
  /**
   * Exit at once with this code before anything runs, as Windows' loader does when a DLL is missing
   * (0xC0000135 = 3221225781, no log, no window). Windows keeps all 32 bits; POSIX only the low 8.
   * Default null.
   */
  exitAtStartCode: number | null;
  /** Exit code of a crash. Default 3 (the only code Ch4r0ne auto-restarts on, docs/ark-facts.md#crashes). */
  crashExitCode: number;
  /** ErrorMessage of CrashContext.runtime-xml and the headline of the .crashstack. */
  crashMessage: string;
  /** DoExit saves and replies but the process never exits (the manager must kill it). Default false. */
  ignoreDoExit: boolean;
  saveWorldReply: RconReplyVariant;
  doExitReply: RconReplyVariant;
  /** SRCDS behaviour: an empty RESPONSE_VALUE before the AUTH_RESPONSE (docs/ark-facts.md#ark-rcon-quirks, off for ASA). Default false. */
  authLeadingEmptyResponse: boolean;
  /**
   * ListPlayers as a server answers it when the command misbehaves: `no-response` is the generic
   * `Server received, But no response!!`, `silent` never answers. Default `list`.
   */
  listPlayersReply: 'list' | 'no-response' | 'silent';
  /**
   * Memory the server takes on per second once ready (MB, really allocated and touched), so that a
   * `-GBUsageToForceRestart=<GB>` threshold is crossed as on a long-running real server. Default 0.
   */
  memoryGrowthMbPerSec: number;
  /**
   * Join and leave lines in the log. Off: a build or language that does not write them, so only
   * ListPlayers knows who is online. Default true.
   */
  logPlayerLines: boolean;
  /** SRCDS behaviour: RCON replies split into 4096-byte packets. ASA sends one packet. Default false. */
  rconSplitReplies: boolean;
  /** Time a world save takes (the `Took:` value). Default 0.2. */
  saveSeconds: number;
  /** Size of the written .ark file in bytes. Default 65536. */
  saveBytes: number;
  /** Delay between the DoExit reply and the process exit, in ms. Default 300. */
  exitDelayMs: number;
  players: ServerSimPlayer[];
  /** Player chat lines, on a schedule like players. Default none. */
  chat: ServerSimChat[];
  /** Extra log lines per second (`LogSimFlood: ...`) to test throttling. Default 0. */
  floodLinesPerSec: number;
  /** `ARK Version:` value; null = ShooterGame/Binaries/Win64/version.txt, else '25.54'. Default null. */
  arkVersion: string | null;
  /** Also rewrite GameUserSettings.ini at start, as ASE did (docs/ark-facts.md#config-files). Default false. */
  rewriteIniOnStart: boolean;
  /**
   * Bind the game port (UDP, on MultiHome or every address) once advertising, as the real server
   * does. Off by default: many test files run in parallel with default ports, and a held port
   * would make the manager refuse their starts (docs/visibility.md). Default false.
   */
  listenGamePort: boolean;
}

export const SERVER_CONTROL_DEFAULTS: Readonly<ServerSimControl> = Object.freeze({
  startupSeconds: 3,
  hangOnStart: false,
  crashAfterSeconds: null,
  crashNow: false,
  crashWithoutFiles: false,
  exitAtStartCode: null,
  crashExitCode: 3,
  crashMessage: 'Unhandled Exception: EXCEPTION_ACCESS_VIOLATION writing address 0x0000000000000018',
  ignoreDoExit: false,
  saveWorldReply: 'text',
  doExitReply: 'text',
  authLeadingEmptyResponse: false,
  rconSplitReplies: false,
  logPlayerLines: true,
  memoryGrowthMbPerSec: 0,
  listPlayersReply: 'list',
  saveSeconds: 0.2,
  saveBytes: 65536,
  exitDelayMs: 300,
  players: [],
  chat: [],
  floodLinesPerSec: 0,
  arkVersion: null,
  rewriteIniOnStart: false,
  listenGamePort: false,
});

function readPlayers(src: JsonObject): ServerSimPlayer[] {
  const raw = src['players'];
  if (!Array.isArray(raw)) return [];
  const players: ServerSimPlayer[] = [];
  for (const item of raw as unknown[]) {
    if (!isObject(item) || typeof item['name'] !== 'string' || typeof item['id'] !== 'string') continue;
    players.push({
      name: item['name'],
      id: item['id'],
      joinAfterSec: readNumber(item, 'joinAfterSec', 0),
      leaveAfterSec: readNullableNumber(item, 'leaveAfterSec', null),
      platform: readString(item, 'platform', 'None'),
    });
  }
  return players;
}

function readChat(src: JsonObject): ServerSimChat[] {
  const raw = src['chat'];
  if (!Array.isArray(raw)) return [];
  const lines: ServerSimChat[] = [];
  for (const item of raw as unknown[]) {
    if (!isObject(item) || typeof item['name'] !== 'string' || typeof item['message'] !== 'string') continue;
    const character = readNullableString(item, 'character', null);
    lines.push({
      afterSec: readNumber(item, 'afterSec', 0),
      name: item['name'],
      message: item['message'],
      ...(character === null ? {} : { character }),
    });
  }
  return lines;
}

function readReply(src: JsonObject, key: string): RconReplyVariant {
  return readString(src, key, 'text') === 'no-response' ? 'no-response' : 'text';
}

function readListPlayersReply(src: JsonObject): ServerSimControl['listPlayersReply'] {
  const value = readString(src, 'listPlayersReply', 'list');
  return value === 'no-response' || value === 'silent' ? value : 'list';
}

/** Parses a control object; missing or mistyped fields take the defaults. */
export function parseServerControl(src: JsonObject): ServerSimControl {
  const d = SERVER_CONTROL_DEFAULTS;
  return {
    startupSeconds: Math.max(0, readNumber(src, 'startupSeconds', d.startupSeconds)),
    hangOnStart: readBoolean(src, 'hangOnStart', d.hangOnStart),
    crashAfterSeconds: readNullableNumber(src, 'crashAfterSeconds', d.crashAfterSeconds),
    crashNow: readBoolean(src, 'crashNow', d.crashNow),
    crashWithoutFiles: readBoolean(src, 'crashWithoutFiles', d.crashWithoutFiles),
    exitAtStartCode: readNullableNumber(src, 'exitAtStartCode', d.exitAtStartCode),
    crashExitCode: readNumber(src, 'crashExitCode', d.crashExitCode),
    crashMessage: readString(src, 'crashMessage', d.crashMessage),
    ignoreDoExit: readBoolean(src, 'ignoreDoExit', d.ignoreDoExit),
    saveWorldReply: readReply(src, 'saveWorldReply'),
    doExitReply: readReply(src, 'doExitReply'),
    authLeadingEmptyResponse: readBoolean(src, 'authLeadingEmptyResponse', d.authLeadingEmptyResponse),
    rconSplitReplies: readBoolean(src, 'rconSplitReplies', d.rconSplitReplies),
    logPlayerLines: readBoolean(src, 'logPlayerLines', d.logPlayerLines),
    listPlayersReply: readListPlayersReply(src),
    memoryGrowthMbPerSec: Math.max(0, readNumber(src, 'memoryGrowthMbPerSec', d.memoryGrowthMbPerSec)),
    saveSeconds: Math.max(0, readNumber(src, 'saveSeconds', d.saveSeconds)),
    saveBytes: Math.max(0, Math.floor(readNumber(src, 'saveBytes', d.saveBytes))),
    exitDelayMs: Math.max(0, readNumber(src, 'exitDelayMs', d.exitDelayMs)),
    players: readPlayers(src),
    chat: readChat(src),
    floodLinesPerSec: Math.max(0, readNumber(src, 'floodLinesPerSec', d.floodLinesPerSec)),
    arkVersion: readNullableString(src, 'arkVersion', d.arkVersion),
    rewriteIniOnStart: readBoolean(src, 'rewriteIniOnStart', d.rewriteIniOnStart),
    listenGamePort: readBoolean(src, 'listenGamePort', d.listenGamePort),
  };
}

/** Reads the control file; null when it is momentarily unreadable (the caller keeps its last view). */
export function readServerControl(controlFile: string): ServerSimControl | null {
  const src = readJsonObjectSync(controlFile);
  return src === null ? null : parseServerControl(src);
}

/** Merges `partial` into `<installRoot>/ShooterGame/Saved/sim-control.json` (atomic; the server polls it). */
export async function writeServerControl(installRoot: string, partial: Partial<ServerSimControl>): Promise<void> {
  await mergeJsonFile(serverPaths(installRoot).control, partial);
}
