import { describe, expect, it } from 'vitest';
import {
  destructiveReason,
  formatRconResponse,
  loadHistory,
  pushHistory,
  saveHistory,
  stepHistory,
  type HistoryCursor,
} from './console-rcon.ts';

class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear = () => this.map.clear();
  getItem = (k: string) => this.map.get(k) ?? null;
  key = (i: number) => [...this.map.keys()][i] ?? null;
  removeItem = (k: string) => void this.map.delete(k);
  setItem = (k: string, v: string) => void this.map.set(k, v);
}

describe('formatRconResponse', () => {
  it('shows ARK’s "no response" answer as a plain OK', () => {
    expect(formatRconResponse('Server received, But no response!! \n')).toBe('OK (no output)');
    expect(formatRconResponse('')).toBe('OK (no output)');
  });
  it('keeps real output, without the trailing " \\n" ARK adds', () => {
    expect(formatRconResponse('0. Helena, 0002214a4a6742d9a347bd449b2dc143 \n')).toBe(
      '0. Helena, 0002214a4a6742d9a347bd449b2dc143',
    );
  });
});

describe('history', () => {
  it('is kept per instance and skips an immediate repeat', () => {
    const storage = new MemoryStorage();
    let h = pushHistory([], 'ListPlayers');
    h = pushHistory(h, 'ListPlayers');
    h = pushHistory(h, 'SaveWorld');
    saveHistory('a', h, storage);
    expect(loadHistory('a', storage)).toEqual(['ListPlayers', 'SaveWorld']);
    expect(loadHistory('b', storage)).toEqual([]);
  });
  it('survives garbage in storage', () => {
    const storage = new MemoryStorage();
    storage.setItem('ark-asa.rcon-history.a', '{not json');
    expect(loadHistory('a', storage)).toEqual([]);
  });
  it('walks up and down like a shell, giving back what was being typed', () => {
    const h = ['one', 'two'];
    let cursor: HistoryCursor = { index: 2, draft: '' };
    const up1 = stepHistory(h, cursor, 'typed', -1)!;
    expect(up1.text).toBe('two');
    cursor = up1.cursor;
    const up2 = stepHistory(h, cursor, 'two', -1)!;
    expect(up2.text).toBe('one');
    expect(stepHistory(h, up2.cursor, 'one', -1)).toBeNull();
    const down1 = stepHistory(h, up2.cursor, 'one', 1)!;
    const down2 = stepHistory(h, down1.cursor, 'two', 1)!;
    expect(down2.text).toBe('typed');
    expect(stepHistory(h, down2.cursor, 'typed', 1)).toBeNull();
  });
});

describe('destructiveReason', () => {
  it('asks before commands that end or wreck something, whatever the case', () => {
    expect(destructiveReason('doexit')).toMatch(/Stop/);
    expect(destructiveReason('  DestroyWildDinos ')).not.toBeNull();
    expect(destructiveReason('ListPlayers')).toBeNull();
  });
});
