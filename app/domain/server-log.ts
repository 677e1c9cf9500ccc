import type { LogLevel, Player } from '@ark-asa/contracts';
import { redactSecrets } from './command-line.ts';

/** A line of ShooterGame.log the manager acts on (docs/ark-facts.md#logs). */
export type ServerLogMarker =
  | { kind: 'log-open' }
  | { kind: 'full-startup'; seconds: number }
  /** The server advertises for join: the instance is RUNNING. */
  | { kind: 'ready' }
  | { kind: 'world-saved'; seconds: number | null }
  | { kind: 'player-joined'; player: Player }
  | { kind: 'player-left'; player: Player }
  | { kind: 'exit' };

export interface ServerLogLine {
  /** The line without its `[YYYY.MM.DD-HH.MM.SS:mmm][fff]` prefix, with password values masked. */
  message: string;
  /** ISO-8601 UTC time from the prefix; absent when the line has none (or an impossible date). */
  timestamp?: string;
  level: LogLevel;
  marker?: ServerLogMarker;
}

// The frame counter is right-aligned to three characters: `[  0]`, `[ 15]`, `[1234]`.
const UE_PREFIX = /^\[(\d{4})\.(\d{2})\.(\d{2})-(\d{2})\.(\d{2})\.(\d{2}):(\d{3})\]\[\s*\d+\]/;

// Game-log lines (joins, chat, admin commands) carry their own `YYYY.MM.DD_HH.MM.SS: ` stamp.
const GAME_LOG = /^\d{4}\.\d{2}\.\d{2}_\d{2}\.\d{2}\.\d{2}: /;

// The name runs to the last ` [UniqueNetId:` because the server appends that part itself, while a
// player chose the name (which may hold spaces and brackets).
const JOIN_LEAVE =
  /^\d{4}\.\d{2}\.\d{2}_\d{2}\.\d{2}\.\d{2}: (.+) \[UniqueNetId:([0-9a-fA-F]+) Platform:[^\]]*\] (joined|left) this ARK!\s*$/;

// Chat lines are `<stamp>: <Name> (<Character>): <text>`; a player can type text shaped like a join
// line, so a line with a chat prefix is never a join or a leave.
const CHAT = /^\d{4}\.\d{2}\.\d{2}_\d{2}\.\d{2}\.\d{2}: .+? \(.*?\): /;

const SECONDS = String.raw`(\d+(?:[.,]\d+)?)`;
const FULL_STARTUP = new RegExp(String.raw`^Full Startup: ${SECONDS} seconds`);
const WORLD_SAVED = new RegExp(String.raw`^World Save Complete\. Took: ?${SECONDS}?`);

/**
 * Classifies one line of ShooterGame.log. Unknown lines are INFO without a marker. Markers match
 * only at the start of the message, so a chat line quoting "Server has completed startup…" (which
 * starts with its game-log stamp and the player's name) cannot mark the server ready.
 */
export function parseServerLogLine(line: string): ServerLogLine {
  const raw = withoutBomAndNewline(line);
  const prefix = UE_PREFIX.exec(raw);
  const message = redactSecrets(prefix ? raw.slice(prefix[0].length) : raw);
  const timestamp = prefix ? utcIso(prefix) : undefined;
  const marker = markerOf(message);
  return {
    message,
    level: levelOf(message),
    ...(timestamp !== undefined && { timestamp }),
    ...(marker !== undefined && { marker }),
  };
}

/** `line` without a leading BOM and trailing CR/LF characters (no regex: every log line comes here). */
function withoutBomAndNewline(line: string): string {
  const start = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = line.length;
  while (end > start && (line.charCodeAt(end - 1) === 10 || line.charCodeAt(end - 1) === 13)) end -= 1;
  return start === 0 && end === line.length ? line : line.slice(start, end);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * The prefix's fields are already zero-padded UTC digits, so the ISO string is put together from
 * them: a Date per line (and its toISOString) was half the cost of reading a flooding log.
 */
function utcIso(m: RegExpExecArray): string | undefined {
  const [, y, mo, d, h, mi, s, ms] = m as unknown as [string, string, string, string, string, string, string, string];
  const month = Number(mo);
  // A prefix like 2023.02.30 is not a real time.
  if (month < 1 || month > 12 || Number(d) < 1 || Number(d) > daysIn(Number(y), month)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`;
}

const ERROR_WORDS = /\bError:|\bFatal|LowLevelFatalError/;

function levelOf(message: string): LogLevel {
  // Game-log lines hold what players typed; a chat message saying "Error:" is not a server error.
  if (GAME_LOG.test(message)) return 'INFO';
  // Plain substring searches first: every match of the patterns contains them, and most lines have neither.
  if ((message.includes('Error:') || message.includes('Fatal')) && ERROR_WORDS.test(message)) return 'ERROR';
  if (message.includes('Warning:') && /\bWarning:/.test(message)) return 'WARN';
  return 'INFO';
}

function markerOf(message: string): ServerLogMarker | undefined {
  if (message.startsWith('Log file open')) return { kind: 'log-open' };
  if (message.startsWith('Server has completed startup and is now advertising for join')) return { kind: 'ready' };
  if (message.startsWith('LogExit: Game engine shut down')) return { kind: 'exit' };
  const startup = FULL_STARTUP.exec(message);
  if (startup) return { kind: 'full-startup', seconds: toSeconds(startup[1]!) };
  const saved = WORLD_SAVED.exec(message);
  if (saved) return { kind: 'world-saved', seconds: saved[1] === undefined ? null : toSeconds(saved[1]) };
  const player = CHAT.test(message) ? null : JOIN_LEAVE.exec(message);
  if (player) {
    const kind = player[3] === 'joined' ? 'player-joined' : 'player-left';
    return { kind, player: { name: player[1]!, platformId: player[2]!.toLowerCase() } };
  }
  return undefined;
}

// Some locales print a decimal comma (as SteamCMD does); accept both.
function toSeconds(text: string): number {
  return Number(text.replace(',', '.'));
}
