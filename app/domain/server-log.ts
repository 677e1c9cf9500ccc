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
 * The `[YYYY.MM.DD-HH.MM.SS:mmm][fff]` prefix. Every line of a flooding server may come here: a
 * pattern with a capture per field cost an array and seven strings per line, so the pattern only
 * tests (irregexp's compiled code beats a hand-written loop over a sliced string), and the time's
 * digits are read later by position (utcIso). The frame counter is right-aligned to three characters
 * (`[  0]`, `[ 15]`, `[1234]`).
 */
const UE_PREFIX = /\[\d{4}\.\d{2}\.\d{2}-\d{2}\.\d{2}\.\d{2}:\d{3}\]\[\s*\d+\]/y;
/** Where the prefix's shape ends and the frame counter begins. */
const UE_SHAPE_LENGTH = 26;

// Game-log lines (joins, chat, admin commands) carry their own `YYYY.MM.DD_HH.MM.SS: ` stamp.
const GAME_STAMP = /\d{4}\.\d{2}\.\d{2}_\d{2}\.\d{2}\.\d{2}: /y;
const GAME_STAMP_LENGTH = 21;

// The name runs to the last ` [UniqueNetId:` after which the rest fits, because the server appends
// that part itself, while a player chose the name (which may hold spaces and brackets). The rest is
// matched from each ` [UniqueNetId:`, last first (playerMarker): what the greedy `^<stamp>: (.+) \[Uni…`
// did with one costly backtracking pattern.
const NET_ID = ' [UniqueNetId:';
const JOIN_LEAVE_REST = / \[UniqueNetId:([0-9a-fA-F]+) Platform:[^\]]*\] (joined|left) this ARK!\s*$/y;

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
    GAME_STAMP.lastIndex = 0;
    this.gameLog = GAME_STAMP.test(this.message);
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

/** Where the message starts after the UE prefix, or 0 when the line has none. */
function uePrefixEnd(raw: string): number {
  // Most lines of a server's log have a prefix; a line that does not start with `[` is decided at once.
  if (raw.charCodeAt(0) !== 0x5b) return 0;
  UE_PREFIX.lastIndex = 0;
  return UE_PREFIX.test(raw) ? UE_PREFIX.lastIndex : 0;
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
  if (gameLog) return endsLikePlayerLine(message, 0, message.length) ? playerMarker(message) : undefined;
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

/**
 * Whether the line `text.slice(start, end)` may carry a marker: false only for a line that markerOf
 * finds none in (tested against the parser), decided without slicing or matching a pattern. A
 * flooding server's lines over the rate limit are asked this in bulk, and only the few that may are
 * read as lines. It looks where a message can start (the line's start, or just past what would be
 * its UE prefix: the first `]` after the shape's 26 characters) for the start of a marker, and at
 * the end for the ` this ARK!` of a join or leave. Password masking cannot fake either: it keeps a
 * message's first character and puts `*` where a value was.
 */
export function mayCarryMarker(text: string, start: number, end: number): boolean {
  const s = text.charCodeAt(start) === 0xfeff ? start + 1 : start;
  if (startsMarker(text, s)) return true;
  if (text.charCodeAt(s) === 0x5b) {
    const close = text.indexOf(']', s + UE_SHAPE_LENGTH);
    if (close !== -1 && close < end && startsMarker(text, close + 1)) return true;
  }
  return endsLikePlayerLine(text, s, end);
}

/**
 * Whether `text.slice(start, end)` ends as every join and leave does (` this ARK!\s*$`): it steps
 * back over anything but printable ASCII, a superset of `\s`, and compares once.
 */
function endsLikePlayerLine(text: string, start: number, end: number): boolean {
  let e = end;
  while (e > start && !isPrintableAscii(text.charCodeAt(e - 1))) e -= 1;
  return e - start >= PLAYER_END.length && text.startsWith(PLAYER_END, e - PLAYER_END.length);
}

const PLAYER_END = ' this ARK!';

function isPrintableAscii(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}

/** Whether a marker of markerOf (but a player's) starts at `at`: its patterns' literal starts. */
function startsMarker(text: string, at: number): boolean {
  switch (text.charCodeAt(at)) {
    case 0x4c: // L
      return text.startsWith('Log file open', at) || text.startsWith('LogExit: Game engine shut down', at);
    case 0x53: // S
      return text.startsWith('Server has completed startup and is now advertising for join', at);
    case 0x46: // F
      return text.startsWith('Full Startup: ', at);
    case 0x57: // W
      return text.startsWith('World Save Complete. Took:', at);
    default:
      return false;
  }
}

function playerMarker(message: string): ServerLogMarker | undefined {
  // Every chat line holds `): ` after the name: most lines are ruled out without the pattern.
  if (message.includes('): ', GAME_STAMP_LENGTH) && CHAT.test(message)) return undefined;
  // Found front to back by their `[` (a one-character search is the fast one); nearly always one.
  const starts: number[] = [];
  for (let at = message.indexOf('[', GAME_STAMP_LENGTH + 2); at !== -1; at = message.indexOf('[', at + 1)) {
    if (message.startsWith(NET_ID, at - 1)) starts.push(at - 1);
  }
  for (let i = starts.length - 1; i >= 0; i--) {
    const at = starts[i]!;
    JOIN_LEAVE_REST.lastIndex = at;
    const rest = JOIN_LEAVE_REST.exec(message);
    // The name is `.+`: at least one character, none of them a line terminator.
    if (!rest || hasLineTerminator(message, GAME_STAMP_LENGTH, at)) continue;
    const kind = rest[2] === 'joined' ? 'player-joined' : 'player-left';
    return { kind, player: { name: message.slice(GAME_STAMP_LENGTH, at), platformId: rest[1]!.toLowerCase() } };
  }
  return undefined;
}

/** Whether `text` holds, from `from` to `to`, a character that `.` does not match. */
function hasLineTerminator(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

// Some locales print a decimal comma (as SteamCMD does); accept both.
function toSeconds(text: string): number {
  return Number(text.includes(',') ? text.replace(',', '.') : text);
}
