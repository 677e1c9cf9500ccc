import { describe, expect, it } from 'vitest';
import { instanceModOf, isStale, latestFileOf, toModInfo, unknownModInfo, type CurseForgeModData } from './mod-info.ts';

const AT = '2025-03-01T12:00:00.000Z';
const mod: CurseForgeModData = {
  id: 928597,
  gameId: 83374,
  name: 'Dino Depot',
  summary: 'Store your dinos',
  links: { websiteUrl: 'https://www.curseforge.com/ark-survival-ascended/mods/dino-depot' },
  authors: [{ name: 'Ark Modder' }],
  logo: { thumbnailUrl: 'https://media.forgecdn.net/t.png', url: 'https://media.forgecdn.net/l.png' },
  mainFileId: 6040989,
  latestFiles: [
    { id: 6040989, displayName: 'DinoDepot-1.4', fileName: 'dd14.zip', fileDate: '2025-02-01T10:00:00Z' },
    { id: 6050000, displayName: 'DinoDepot-1.5-beta', fileDate: '2025-02-10T10:00:00Z' },
  ],
};

describe('mod details from CurseForge', () => {
  it('takes the main file as the latest, with its name and date', () => {
    expect(toModInfo(mod, AT)).toEqual({
      modId: '928597',
      name: 'Dino Depot',
      summary: 'Store your dinos',
      authors: ['Ark Modder'],
      logoUrl: 'https://media.forgecdn.net/t.png',
      websiteUrl: 'https://www.curseforge.com/ark-survival-ascended/mods/dino-depot',
      latestFileId: '6040989',
      latestFileName: 'DinoDepot-1.4',
      latestFileDate: '2025-02-01T10:00:00.000Z',
      fetchedAt: AT,
      unknown: false,
    });
  });

  it('falls back to the newest available file when there is no main file', () => {
    expect(latestFileOf({ ...mod, mainFileId: null })?.id).toBe(6050000);
    const unavailable = {
      ...mod,
      mainFileId: null,
      latestFiles: [{ ...mod.latestFiles![1]!, isAvailable: false }, mod.latestFiles![0]!],
    };
    expect(latestFileOf(unavailable)?.id).toBe(6040989);
    expect(toModInfo({ id: 1, name: 'Bare' }, AT)).toMatchObject({
      latestFileId: null,
      authors: [],
      logoUrl: null,
      summary: null,
    });
  });

  it('knows when cached details are stale', () => {
    const info = toModInfo(mod, AT);
    const t = Date.parse(AT);
    expect(isStale(info, t + 1000, 60_000)).toBe(false);
    expect(isStale(info, t + 60_000, 60_000)).toBe(true);
    expect(isStale(undefined, t, 60_000)).toBe(true);
  });
});

describe('a row of the instance mod list', () => {
  const info = toModInfo(mod, AT);

  it('marks an update when the installed file is not the latest', () => {
    expect(instanceModOf('928597', info, { fileId: '6040000', name: 'DinoDepot' })).toMatchObject({
      name: 'Dino Depot',
      installed: true,
      installedFileId: '6040000',
      updateAvailable: true,
    });
    expect(instanceModOf('928597', info, { fileId: '6040989', name: null }).updateAvailable).toBe(false);
  });

  it('offers no update for a mod not installed yet, nor without CurseForge details', () => {
    expect(instanceModOf('928597', info, undefined)).toMatchObject({ installed: false, updateAvailable: false });
    expect(instanceModOf('928597', undefined, { fileId: '1', name: 'FromLibrary' })).toMatchObject({
      name: 'FromLibrary',
      latestFileId: null,
      updateAvailable: false,
      fetchedAt: null,
    });
    expect(instanceModOf('5', unknownModInfo('5', AT), undefined)).toMatchObject({ unknown: true, name: null });
  });
});
