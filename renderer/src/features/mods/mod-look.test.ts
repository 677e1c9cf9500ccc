import { describe, expect, it } from 'vitest';
import { lastFetched, modLook, modTitle } from './mod-look.ts';
import { mod } from './test-fixtures.ts';

describe('modLook', () => {
  it('says up to date when the installed file is the latest', () => {
    expect(modLook(mod()).label).toBe('Up to date');
  });
  it('puts an update first, then a missing install', () => {
    expect(modLook(mod({ installedFileId: '4000', updateAvailable: true })).label).toBe('Update available');
    expect(modLook(mod({ installed: false, installedFileId: null })).label).toBe('Not installed yet');
  });
  it('flags an id CurseForge does not know above everything else', () => {
    expect(modLook(mod({ unknown: true, updateAvailable: true })).label).toBe('Not found');
  });
  it('claims nothing about freshness without CurseForge data', () => {
    expect(modLook(mod({ latestFileId: null })).label).toBe('Installed');
  });
});

describe('modTitle and lastFetched', () => {
  it('falls back to the id without a name', () => {
    expect(modTitle(mod({ name: null }))).toBe('Mod 928597');
  });
  it('finds the latest fetch time, or null', () => {
    expect(lastFetched([mod(), mod()])).toBeNull();
    expect(
      lastFetched([mod({ fetchedAt: '2025-01-01T00:00:00.000Z' }), mod({ fetchedAt: '2025-02-01T00:00:00.000Z' })]),
    ).toBe('2025-02-01T00:00:00.000Z');
  });
});
