import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@ark-asa/contracts';
import { countNewer, filterLog, indexOfSeq, isFiltering, NO_FILTER, splitMatches } from './console-filter.ts';

const line = (seq: number, level: LogEntry['level'], source: LogEntry['source'], message: string): LogEntry => ({
  seq,
  instanceId: '00000000-0000-4000-8000-000000000000',
  timestamp: '2026-01-01T10:00:00.000Z',
  level,
  source,
  message,
});

const lines = [
  line(1, 'INFO', 'manager', 'Starting TheIsland_WP'),
  line(2, 'WARN', 'server', 'LogNet: connection timed out'),
  line(3, 'ERROR', 'server', 'Fatal error!'),
  line(4, 'INFO', 'steamcmd', 'Update state (0x61) downloading'),
];

describe('filterLog', () => {
  it('returns the very same array when nothing is filtered', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(filterLog(lines, NO_FILTER)).toBe(lines);
  });
  it('filters by text, case-insensitively', () => {
    expect(filterLog(lines, { ...NO_FILTER, text: 'THEISLAND' }).map((l) => l.seq)).toEqual([1]);
  });
  it('filters by level and by source together', () => {
    expect(filterLog(lines, { ...NO_FILTER, levels: ['WARN', 'ERROR'] }).map((l) => l.seq)).toEqual([2, 3]);
    expect(filterLog(lines, { ...NO_FILTER, sources: ['manager', 'steamcmd'] }).map((l) => l.seq)).toEqual([1, 4]);
    expect(filterLog(lines, { text: 'error', levels: ['ERROR'], sources: ['server'] }).map((l) => l.seq)).toEqual([3]);
  });
});

describe('countNewer', () => {
  it('counts the lines after a seq', () => {
    expect(countNewer(lines, 2)).toBe(2);
    expect(countNewer(lines, 4)).toBe(0);
    expect(countNewer(lines, -1)).toBe(4);
  });
});

describe('splitMatches', () => {
  it('cuts the message around every match, keeping the original case', () => {
    expect(splitMatches('Port and port', 'PORT')).toEqual([
      { text: 'Port', match: true },
      { text: ' and ', match: false },
      { text: 'port', match: true },
    ]);
    expect(splitMatches('abc', '')).toEqual([{ text: 'abc', match: false }]);
  });
});

describe('indexOfSeq', () => {
  it('finds a line by seq, or -1 once it is gone', () => {
    const sparse = [line(3, 'INFO', 'server', 'a'), line(7, 'INFO', 'server', 'b'), line(9, 'INFO', 'server', 'c')];
    expect(indexOfSeq(sparse, 7)).toBe(1);
    expect(indexOfSeq(sparse, 9)).toBe(2);
    expect(indexOfSeq(sparse, 1)).toBe(-1);
    expect(indexOfSeq([], 1)).toBe(-1);
  });
});
