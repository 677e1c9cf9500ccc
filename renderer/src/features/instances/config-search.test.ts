import { describe, expect, it } from 'vitest';
import { findAll, pickMatch } from './config-search.ts';

describe('findAll', () => {
  it('finds every case-insensitive occurrence without overlaps', () => {
    expect(findAll('Port=1\nRCONPort=2\nport', 'port')).toEqual([0, 11, 18]);
    expect(findAll('aaaa', 'aa')).toEqual([0, 2]);
    expect(findAll('abc', '')).toEqual([]);
    expect(findAll('abc', 'x')).toEqual([]);
  });
});

describe('pickMatch', () => {
  const m = [5, 20, 40];
  it('starts at or after the caret going forward, wrapping to the first', () => {
    expect(pickMatch(m, 0, 1, null)).toBe(0);
    expect(pickMatch(m, 20, 1, null)).toBe(1);
    expect(pickMatch(m, 41, 1, null)).toBe(0);
  });
  it('goes to the last match before the caret going back, wrapping to the last', () => {
    expect(pickMatch(m, 30, -1, null)).toBe(1);
    expect(pickMatch(m, 0, -1, null)).toBe(2);
  });
  it('steps from the current match, both ways, wrapping', () => {
    expect(pickMatch(m, 0, 1, 2)).toBe(0);
    expect(pickMatch(m, 0, -1, 0)).toBe(2);
    expect(pickMatch(m, 0, 1, 0)).toBe(1);
  });
  it('has nothing to pick without matches', () => {
    expect(pickMatch([], 0, 1, null)).toBeNull();
  });
});
