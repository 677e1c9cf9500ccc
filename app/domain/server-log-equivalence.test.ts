import type { LogLevel } from '@ark-asa/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from './command-line.ts';
import {
  mayCarryMarker,
  parseServerLogLine,
  ServerLogText,
  type ServerLogLine,
  type ServerLogMarker,
} from './server-log.ts';

/*
 * The parser as it was before it checked prefixes and stamps by hand and graded lines lazily (one
 * regex per shape), copied verbatim as the oracle: the faster parser must read every line the same
 * way, byte for byte, markers and all.
 */
const REF_UE_PREFIX = /^\[(\d{4})\.(\d{2})\.(\d{2})-(\d{2})\.(\d{2})\.(\d{2}):(\d{3})\]\[\s*\d+\]/;
const REF_GAME_LOG = /^\d{4}\.\d{2}\.\d{2}_\d{2}\.\d{2}\.\d{2}: /;
const REF_JOIN_LEAVE =
  /^\d{4}\.\d{2}\.\d{2}_\d{2}\.\d{2}\.\d{2}: (.+) \[UniqueNetId:([0-9a-fA-F]+) Platform:[^\]]*\] (joined|left) this ARK!\s*$/;
const REF_CHAT = /^\d{4}\.\d{2}\.\d{2}_\d{2}\.\d{2}\.\d{2}: .+? \(.*?\): /;
const REF_SECONDS = String.raw`(\d+(?:[.,]\d+)?)`;
const REF_FULL_STARTUP = new RegExp(String.raw`^Full Startup: ${REF_SECONDS} seconds`);
const REF_WORLD_SAVED = new RegExp(String.raw`^World Save Complete\. Took: ?${REF_SECONDS}?`);

function reference(line: string): ServerLogLine {
  const raw = refWithoutBomAndNewline(line);
  const prefix = REF_UE_PREFIX.exec(raw);
  const message = redactSecrets(prefix ? raw.slice(prefix[0].length) : raw);
  const timestamp = prefix ? refUtcIso(prefix) : undefined;
  const marker = refMarkerOf(message);
  return {
    message,
    level: refLevelOf(message),
    ...(timestamp !== undefined && { timestamp }),
    ...(marker !== undefined && { marker }),
  };
}

function refWithoutBomAndNewline(line: string): string {
  const start = line.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = line.length;
  while (end > start && (line.charCodeAt(end - 1) === 10 || line.charCodeAt(end - 1) === 13)) end -= 1;
  return start === 0 && end === line.length ? line : line.slice(start, end);
}

const REF_DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function refDaysIn(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : REF_DAYS_IN_MONTH[month - 1]!;
}

function refUtcIso(m: RegExpExecArray): string | undefined {
  const [, y, mo, d, h, mi, s, ms] = m as unknown as [string, string, string, string, string, string, string, string];
  const month = Number(mo);
  if (month < 1 || month > 12 || Number(d) < 1 || Number(d) > refDaysIn(Number(y), month)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`;
}

const REF_ERROR_WORDS = /\bError:|\bFatal|LowLevelFatalError/;

function refLevelOf(message: string): LogLevel {
  if (REF_GAME_LOG.test(message)) return 'INFO';
  if ((message.includes('Error:') || message.includes('Fatal')) && REF_ERROR_WORDS.test(message)) return 'ERROR';
  if (message.includes('Warning:') && /\bWarning:/.test(message)) return 'WARN';
  return 'INFO';
}

function refMarkerOf(message: string): ServerLogMarker | undefined {
  if (message.startsWith('Log file open')) return { kind: 'log-open' };
  if (message.startsWith('Server has completed startup and is now advertising for join')) return { kind: 'ready' };
  if (message.startsWith('LogExit: Game engine shut down')) return { kind: 'exit' };
  const startup = REF_FULL_STARTUP.exec(message);
  if (startup) return { kind: 'full-startup', seconds: refToSeconds(startup[1]!) };
  const saved = REF_WORLD_SAVED.exec(message);
  if (saved) return { kind: 'world-saved', seconds: saved[1] === undefined ? null : refToSeconds(saved[1]) };
  const player = REF_CHAT.test(message) ? null : REF_JOIN_LEAVE.exec(message);
  if (player) {
    const kind = player[3] === 'joined' ? 'player-joined' : 'player-left';
    return { kind, player: { name: player[1]!, platformId: player[2]!.toLowerCase() } };
  }
  return undefined;
}

function refToSeconds(text: string): number {
  return Number(text.replace(',', '.'));
}

const ID = '0002dbe9c4a54b6cb0d7a3d4f8e1b2c3';
const P = '[2025.11.05-16.11.49:765][  0]';

/** Lines at the edges of each shape the parser checks by hand. */
const TRICKY = [
  '',
  '\uFEFF',
  '\r\n',
  '[',
  P,
  `${P}\r\n`,
  `\uFEFF${P}Log file open, 11/05/25 17:11:49\r\n`,
  `\uFEFF\uFEFF${P}x`,
  `${P}\uFEFFx`,
  '[2025.11.05-16.11.49:765][0]x',
  '[2025.11.05-16.11.49:765][1234567]x',
  '[2025.11.05-16.11.49:765][ \t\u00a0\u2003\ufeff7]x',
  '[2025.11.05-16.11.49:765][   ]x',
  '[2025.11.05-16.11.49:765][ 1 2]x',
  '[2025.11.05-16.11.49:765][ 12x',
  '[2025.11.05-16.11.49:765] [ 12]x',
  '[2025.11.05-16.11.49:76][ 12]x',
  '[2025.11.05-16.11.49.765][ 12]x',
  '[2025,11.05-16.11.49:765][ 12]x',
  '[2025.11.05_16.11.49:765][ 12]x',
  '[２０２５.11.05-16.11.49:765][ 12]x',
  '[2025.1a.05-16.11.49:765][ 12]x',
  ' [2025.11.05-16.11.49:765][ 12]x',
  '[2024.02.29-23.59.59:999][  0]leap',
  '[2023.02.29-23.59.59:999][  0]not leap',
  '[1900.02.29-00.00.00:000][  0]x',
  '[2000.02.29-00.00.00:000][  0]x',
  '[0000.02.29-00.00.00:000][  0]x',
  '[2025.04.31-00.00.00:000][  0]x',
  '[2025.00.10-00.00.00:000][  0]x',
  '[2025.13.10-00.00.00:000][  0]x',
  '[2025.12.00-00.00.00:000][  0]x',
  '[2025.12.31-24.00.00:000][  0]x',
  '[2025.12.31-23.60.00:000][  0]x',
  '[2025.12.31-23.59.60:000][  0]x',
  '[2025.12.31-99.99.99:999][  0]x',
  `${P}Log file open`,
  `${P}Log file ope`,
  `${P}LogExit: Game engine shut down`,
  `${P}LogExit: Game engine shut dow`,
  `${P}Server has completed startup and is now advertising for join.`,
  `${P} Server has completed startup and is now advertising for join.`,
  `${P}Full Startup: 35.17 seconds`,
  `${P}Full Startup: 35,17 seconds`,
  `${P}Full Startup: 35 seconds (BP compile)`,
  `${P}Full Startup: .5 seconds`,
  `${P}World Save Complete. Took: 0.51`,
  `${P}World Save Complete. Took:0,51`,
  `${P}World Save Complete. Took: `,
  `${P}World Save Complete.`,
  `${P}Warning: x`,
  `${P}LogNet: Warning: slow`,
  `${P}LogNet:Warning: glued`,
  `${P}LogStreaming: Error: Couldn't find file`,
  `${P}NoError: glued`,
  `${P}Fatal`,
  `${P}NonFatal`,
  `${P}LowLevelFatalError [File:x.cpp]`,
  `${P}Error: and Warning: both`,
  `${P}Commandline: TheIsland_WP?listen?ServerAdminPassword=hunter2?Port=7777 -NoBattlEye`,
  `${P}2025.11.05_16.11.49: Rex Hunter [UniqueNetId:${ID} Platform:None] joined this ARK!`,
  `${P}2025.11.05_16.11.49: Big [Bad] Wolf [UniqueNetId:${ID.toUpperCase()} Platform:XSX] left this ARK!  `,
  `2025.11.05_16.11.49: Rex [UniqueNetId:${ID} Platform:None] joined this ARK!`,
  `2025.11.05_16.11.49: Rex (Rexy): hi [UniqueNetId:${ID} Platform:None] joined this ARK!`,
  `2025.11.05_16.11.49: Rex (Rexy): Error: Fatal Warning: Server has completed startup`,
  `2025.11.05_16.11.49: Rex [UniqueNetId:${ID} Platform:None] joined this ARK! again`,
  `2025.11.05_16.11.49: Rex [UniqueNetId:xyz Platform:None] joined this ARK!`,
  `2025.11.05_16.11.49:Rex [UniqueNetId:${ID} Platform:None] joined this ARK!`,
  `2025.11.05-16.11.49: Rex [UniqueNetId:${ID} Platform:None] joined this ARK!`,
  '2025.11.05_16.11.49: ',
  '2025.11.05_16.11.49:',
  '2025.11.05_16.11.49: Password=secret this ARK!',
  `2025.11.05_16.11.49: AdminPassword=x [UniqueNetId:${ID} Platform:None] joined this ARK!`,
  'Spieler Jörg 🦖 € Warning: ok',
  '\ud83e',
];

/** Lines put together from the pieces the parser looks for, in any order and mangled. */
const pieces = fc.constantFrom(
  P,
  '[2023.02.29-01.02.03:004][ 9]',
  '[2025.11.05-16.11.49:765][',
  '][',
  '  1]',
  '2025.11.05_16.11.49: ',
  'Log file open',
  'LogExit: Game engine shut down',
  'Server has completed startup and is now advertising for join',
  'Full Startup: ',
  'World Save Complete. Took: ',
  '1.5',
  ' seconds',
  'Error:',
  'Fatal',
  'Warning:',
  'x',
  ' ',
  '(Rexy): ',
  `[UniqueNetId:${ID} Platform:None]`,
  ' joined this ARK!',
  ' left this ARK!',
  ' [UniqueNetId:',
  'aF09',
  ' Platform:',
  ']',
  ' joined',
  ' this ARK!',
  '\u2028',
  'ServerPassword=pw',
  '\uFEFF',
  '\r',
  '\n',
  '\t',
  '🦖',
);
const mangled = fc.oneof(
  fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')),
  fc
    .tuple(fc.array(pieces, { maxLength: 8 }), fc.nat(), fc.string({ unit: 'binary', maxLength: 3 }))
    .map(([p, at, s]) => {
      const line = p.join('');
      const i = at % (line.length + 1);
      return line.slice(0, i) + s + line.slice(i + 1);
    }),
  fc.string({ unit: 'binary' }),
);

/** What the follower reads of a ServerLogText: every field, through its getters. */
const read = (t: ServerLogText) => ({ message: t.message, level: t.level, timestamp: t.timestamp, marker: t.marker });

describe('parseServerLogLine reads every line as the regex parser did', () => {
  it('on lines at the edges of every shape', () => {
    for (const line of TRICKY) {
      expect(parseServerLogLine(line), JSON.stringify(line)).toStrictEqual(reference(line));
      const { timestamp, marker, ...rest } = reference(line);
      expect(read(new ServerLogText(line))).toStrictEqual({ ...rest, timestamp, marker });
    }
  });

  it('on lines made of the pieces it looks for (property)', () => {
    fc.assert(
      fc.property(mangled, (line) => {
        expect(parseServerLogLine(line)).toStrictEqual(reference(line));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same plain object as before, keys in the same order', () => {
    for (const line of TRICKY) expect(JSON.stringify(parseServerLogLine(line))).toBe(JSON.stringify(reference(line)));
  });
});

describe('mayCarryMarker', () => {
  /** The line as the splitter hands it over: a range of a read's text, between other lines. */
  const check = (line: string) => {
    if (line.includes('\n') || parseServerLogLine(line).marker === undefined) return;
    const text = `${P}x\n${line}\r\n${P}LogNet: next\n`;
    const start = text.indexOf('\n') + 1;
    expect(mayCarryMarker(text, start, start + line.length), JSON.stringify(line)).toBe(true);
  };

  it('is true for every line with a marker, on lines at the edges of every shape', () => {
    for (const line of TRICKY) check(line);
  });

  it('is true for every line with a marker (property)', () => {
    fc.assert(fc.property(mangled, check), { numRuns: 5000 });
  });

  it('rules out the usual lines without reading them', () => {
    const text = `${P}LogNet: Join succeeded: Rex\r\n${P}2025.11.05_16.11.49: Rex (Rexy): hi\r\n`;
    const second = text.indexOf('\n') + 1;
    expect(mayCarryMarker(text, 0, second - 2)).toBe(false);
    expect(mayCarryMarker(text, second, text.length - 2)).toBe(false);
  });
});
