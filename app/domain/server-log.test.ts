import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseServerLogLine } from './server-log.ts';

const ID = '0002dbe9c4a54b6cb0d7a3d4f8e1b2c3';

describe('parseServerLogLine', () => {
  it('strips the UE prefix and reads its time as UTC', () => {
    expect(parseServerLogLine('[2023.11.01-01.24.39:567][  0]ARK Version: 25.54')).toEqual({
      message: 'ARK Version: 25.54',
      timestamp: '2023-11-01T01:24:39.567Z',
      level: 'INFO',
    });
    expect(parseServerLogLine('[2025.03.13-18.44.11:690][ 15]x').timestamp).toBe('2025-03-13T18:44:11.690Z');
    expect(parseServerLogLine('[2025.03.13-18.44.11:690][1234]x').message).toBe('x');
  });

  it('recognises the startup sequence', () => {
    expect(parseServerLogLine('\uFEFF[2023.11.01-01.24.38:557][  0]Log file open, 11/01/23 01:24:38')).toMatchObject({
      message: 'Log file open, 11/01/23 01:24:38',
      marker: { kind: 'log-open' },
    });
    expect(parseServerLogLine('[2023.11.01-01.25.12:438][  0]Full Startup: 35.17 seconds').marker).toEqual({
      kind: 'full-startup',
      seconds: 35.17,
    });
    expect(
      parseServerLogLine(
        '[2023.11.01-01.25.40:001][  3]Server has completed startup and is now advertising for join.\r\n',
      ).marker,
    ).toEqual({
      kind: 'ready',
    });
  });

  it('recognises world saves and the engine shutting down', () => {
    expect(parseServerLogLine('[2024.01.02-03.04.05:006][123]World Save Complete. Took: 0.51').marker).toEqual({
      kind: 'world-saved',
      seconds: 0.51,
    });
    expect(parseServerLogLine('World Save Complete.').marker).toBeUndefined();
    expect(parseServerLogLine('[2024.01.02-03.04.05:006][123]LogExit: Game engine shut down').marker).toEqual({
      kind: 'exit',
    });
  });

  it('reads joins and leaves, with or without the UE prefix, names with spaces and brackets', () => {
    expect(
      parseServerLogLine(`2023.11.01_01.25.40: LeRaptorSauvage [UniqueNetId:${ID} Platform:None] joined this ARK!`),
    ).toEqual({
      message: `2023.11.01_01.25.40: LeRaptorSauvage [UniqueNetId:${ID} Platform:None] joined this ARK!`,
      level: 'INFO',
      marker: { kind: 'player-joined', player: { name: 'LeRaptorSauvage', platformId: ID } },
    });
    const left = parseServerLogLine(
      `[2023.11.01-01.30.00:000][  9]2023.11.01_01.30.00: Big [Bad] Wolf [UniqueNetId:${ID} Platform:XSX] left this ARK!`,
    );
    expect(left.timestamp).toBe('2023-11-01T01:30:00.000Z');
    expect(left.marker).toEqual({ kind: 'player-left', player: { name: 'Big [Bad] Wolf', platformId: ID } });
  });

  it('grades errors and warnings', () => {
    expect(parseServerLogLine("[2024.01.01-00.00.00:000][  0]LogStreaming: Error: Couldn't find file").level).toBe(
      'ERROR',
    );
    expect(
      parseServerLogLine(
        '[2024.01.01-00.00.00:000][  0]LowLevelFatalError [File:ShooterGameInstance.cpp] [Line: 843] Requested mods failed to load on server.',
      ).level,
    ).toBe('ERROR');
    expect(parseServerLogLine('Fatal error!').level).toBe('ERROR');
    expect(parseServerLogLine('[2024.01.01-00.00.00:000][  0]LogNet: Warning: slow').level).toBe('WARN');
    expect(parseServerLogLine('NonFatalThing happened').level).toBe('INFO');
  });

  it('does not let what players type mark the server ready or raise the level', () => {
    const chat = parseServerLogLine(
      '2023.11.01_01.25.40: Bob (Bobby): Server has completed startup and is now advertising for join. Error: Fatal',
    );
    expect(chat.marker).toBeUndefined();
    expect(chat.level).toBe('INFO');
  });

  it('masks passwords in the server’s echo of its command line', () => {
    const line = parseServerLogLine(
      '[2023.11.01-01.25.12:438][  0]Commandline:  TheIsland_WP?listen?ServerAdminPassword=hunter2?Port=7777 -NoBattlEye',
    );
    expect(line.message).toBe('Commandline:  TheIsland_WP?listen?ServerAdminPassword=********?Port=7777 -NoBattlEye');
  });

  it('keeps a malformed prefix as text and drops an impossible date', () => {
    expect(parseServerLogLine('[2023.11.01-01.24][  0]x')).toEqual({
      message: '[2023.11.01-01.24][  0]x',
      level: 'INFO',
    });
    const impossible = parseServerLogLine('[2023.02.30-01.24.38:557][  0]x');
    expect(impossible.message).toBe('x');
    expect(impossible.timestamp).toBeUndefined();
  });

  it('checks the calendar of a prefix: leap days, month lengths, the clock', () => {
    const at = (stamp: string) => parseServerLogLine(`[${stamp}][  0]x`).timestamp;
    expect(at('2024.02.29-23.59.59:999')).toBe('2024-02-29T23:59:59.999Z');
    expect(at('2000.02.29-00.00.00:000')).toBe('2000-02-29T00:00:00.000Z');
    expect(at('2025.12.31-12.00.00:001')).toBe('2025-12-31T12:00:00.001Z');
    for (const bad of ['2023.02.29', '1900.02.29', '2025.04.31', '2025.13.01', '2025.00.10', '2025.01.00']) {
      expect(at(`${bad}-01.00.00:000`)).toBeUndefined();
    }
    for (const bad of ['24.00.00', '23.60.00', '23.59.60']) expect(at(`2025.01.01-${bad}:000`)).toBeUndefined();
  });

  it('gives the same time as Date for every day of a leap and a common year', () => {
    for (const year of [2023, 2024]) {
      for (let t = Date.UTC(year, 0, 1, 13, 7, 9, 42); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
        const d = new Date(t);
        const p2 = (n: number) => String(n).padStart(2, '0');
        const stamp = `${year}.${p2(d.getUTCMonth() + 1)}.${p2(d.getUTCDate())}-13.07.09:042`;
        expect(parseServerLogLine(`[${stamp}][  0]x`).timestamp).toBe(d.toISOString());
      }
    }
  });

  it('never throws and always yields a level', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (line) => {
        const parsed = parseServerLogLine(line);
        expect(['INFO', 'WARN', 'ERROR']).toContain(parsed.level);
      }),
    );
  });
});

describe('chat cannot fake a join', () => {
  it('ignores a chat message typed to look like a join line', () => {
    const chat =
      '2025.03.13_18.44.11: Rex (Rexy): hi [UniqueNetId:0002214a4a6742d9a347bd449b2dc143 Platform:None] joined this ARK!';
    expect(parseServerLogLine(chat).marker).toBeUndefined();
    const real =
      '2025.03.13_18.44.11: Rex Hunter [UniqueNetId:0002214a4a6742d9a347bd449b2dc143 Platform:None] joined this ARK!';
    expect(parseServerLogLine(real).marker?.kind).toBe('player-joined');
  });
});
