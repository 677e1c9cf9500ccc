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

/*
 * The `[YYYY.MM.DD-HH.MM.SS:mmm][fff]` prefix, checked character by character: every line of a
 * flooding server comes here, and a regex with a capture per field cost an array and seven strings
 * per line. `9` stands for a digit. The frame counter is right-aligned to three characters
 * (`[  0]`, `[ 15]`, `[1234]`), so what follows the shape is `\s*\d+]`.
 */
const UE_SHAPE = '[9999.99.99-99.99.99:999][';
const UE_FRAME = /\s*\d+\]/y;

// Game-log lines (joins, chat, admin commands) carry their own `YYYY.MM.DD_HH.MM.SS: ` stamp.
const GAME_SHAPE = '9999.99.99_99.99.99: ';

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
  return new ServerLogText(line).toLine();
}

/**
 * One line of ShooterGame.log, read in two steps: its message and marker at once (the supervisor
 * must see the marker of every line), its level and time when first asked for. The log follower
 * hands the line to the log service, which asks only for the lines its rate limit keeps, so the
 * other lines of a flooding server are never graded or dated. Reads as parseServerLogLine does.
 */
export class ServerLogText implements ServerLogLine {
  /** The line without its prefix, with password values masked. */
  readonly message: string;
  readonly marker: ServerLogMarker | undefined;
  private readonly raw: string;
  /** Where the message starts in `raw`: 0 when the line has no UE prefix. */
  private readonly prefixEnd: number;
  private readonly gameLog: boolean;

  constructor(line: string) {
    this.raw = withoutBomAndNewline(line);
    this.prefixEnd = uePrefixEnd(this.raw);
    this.message = redactSecrets(this.prefixEnd > 0 ? this.raw.slice(this.prefixEnd) : this.raw);
    this.gameLog = matchesShape(this.message, 0, GAME_SHAPE);
    this.marker = markerOf(this.message, this.gameLog);
  }

  get level(): LogLevel {
    return levelOf(this.message, this.gameLog);
  }

  /** ISO-8601 UTC time from the prefix; undefined when the line has none (or an impossible date). */
  get timestamp(): string | undefined {
    return this.prefixEnd > 0 ? utcIso(this.raw) : undefined;
  }

  /** The line as a plain object, with only the fields it has. */
  toLine(): ServerLogLine {
    const { message, marker, timestamp } = this;
    // Field by field, in the order the line always had: no temporary objects per line.
    const line: ServerLogLine = { message, level: this.level };
    if (timestamp !== undefined) line.timestamp = timestamp;
    if (marker !== undefined) line.marker = marker;
    return line;
  }
}

/** `line` without a leading BOM and trailing CR/LF characters (no regex: every log line comes here). */
function withoutBomAndNewline(line: string): string {
  const start = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = line.length;
  while (end > start && (line.charCodeAt(end - 1) === 10 || line.charCodeAt(end - 1) === 13)) end -= 1;
  return start === 0 && end === line.length ? line : line.slice(start, end);
}

/** Whether `text` holds `shape` at `at`, where a `9` of the shape stands for any ASCII digit. */
function matchesShape(text: string, at: number, shape: string): boolean {
  if (text.length < at + shape.length) return false;
  for (let i = 0; i < shape.length; i++) {
    const want = shape.charCodeAt(i);
    const c = text.charCodeAt(at + i);
    if (want === 0x39 ? c < 0x30 || c > 0x39 : c !== want) return false;
  }
  return true;
}

/** Where the message starts after the UE prefix, or 0 when the line has none. */
function uePrefixEnd(raw: string): number {
  // Most lines of a server's log have a prefix; a line that does not start with `[` is decided at once.
  if (raw.charCodeAt(0) !== 0x5b || !matchesShape(raw, 0, UE_SHAPE)) return 0;
  UE_FRAME.lastIndex = UE_SHAPE.length;
  return UE_FRAME.test(raw) ? UE_FRAME.lastIndex : 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** The number written by the (already checked) ASCII digits of `text` from `from` to `to`. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 0x30;
  return n;
}

/**
 * The ISO-8601 time of a line whose UE prefix matched. The prefix's fields are already zero-padded
 * UTC digits, so the ISO string is put together from them: a Date per line (and its toISOString)
 * was half the cost of reading a flooding log.
 */
function utcIso(raw: string): string | undefined {
  const month = digits(raw, 6, 8);
  const day = digits(raw, 9, 11);
  // A prefix like 2023.02.30 is not a real time.
  if (month < 1 || month > 12 || day < 1 || day > daysIn(digits(raw, 1, 5), month)) return undefined;
  if (digits(raw, 12, 14) > 23 || digits(raw, 15, 17) > 59 || digits(raw, 18, 20) > 59) return undefined;
  // `YYYY.MM.DD-HH.MM.SS:mmm` → `YYYY-MM-DDTHH:MM:SS.mmmZ`: the same digits, other separators.
  return `${raw.slice(1, 5)}-${raw.slice(6, 8)}-${raw.slice(9, 11)}T${raw.slice(12, 14)}:${raw.slice(15, 17)}:${raw.slice(18, 20)}.${raw.slice(21, 24)}Z`;
}

const ERROR_WORDS = /\bError:|\bFatal|LowLevelFatalError/;

function levelOf(message: string, gameLog: boolean): LogLevel {
  // Game-log lines hold what players typed; a chat message saying "Error:" is not a server error.
  if (gameLog) return 'INFO';
  // Plain substring searches first: every match of the patterns contains them, and most lines have neither.
  if ((message.includes('Error:') || message.includes('Fatal')) && ERROR_WORDS.test(message)) return 'ERROR';
  if (message.includes('Warning:') && /\bWarning:/.test(message)) return 'WARN';
  return 'INFO';
}

/**
 * Every marker starts its message with a known word or a game-log stamp, so the first character
 * (and for joins, the literal ` this ARK!` that every join and leave holds) rules out most lines
 * before any pattern runs.
 */
function markerOf(message: string, gameLog: boolean): ServerLogMarker | undefined {
  if (gameLog) return message.includes(' this ARK!') ? playerMarker(message) : undefined;
  switch (message.charCodeAt(0)) {
    case 0x4c: // L
      if (message.startsWith('Log file open')) return { kind: 'log-open' };
      if (message.startsWith('LogExit: Game engine shut down')) return { kind: 'exit' };
      return undefined;
    case 0x53: // S
      if (message.startsWith('Server has completed startup and is now advertising for join')) return { kind: 'ready' };
      return undefined;
    case 0x46: {
      // F
      const startup = FULL_STARTUP.exec(message);
      return startup ? { kind: 'full-startup', seconds: toSeconds(startup[1]!) } : undefined;
    }
    case 0x57: {
      // W
      const saved = WORLD_SAVED.exec(message);
      if (!saved) return undefined;
      return { kind: 'world-saved', seconds: saved[1] === undefined ? null : toSeconds(saved[1]) };
    }
    default:
      return undefined;
  }
}

function playerMarker(message: string): ServerLogMarker | undefined {
  const player = CHAT.test(message) ? null : JOIN_LEAVE.exec(message);
  if (!player) return undefined;
  const kind = player[3] === 'joined' ? 'player-joined' : 'player-left';
  return { kind, player: { name: player[1]!, platformId: player[2]!.toLowerCase() } };
}

// Some locales print a decimal comma (as SteamCMD does); accept both.
function toSeconds(text: string): number {
  return Number(text.replace(',', '.'));
}
