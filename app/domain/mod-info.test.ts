import { describe, expect, it } from 'vitest';
import {
  currentFileIdsOf,
  instanceModOf,
  isOutdated,
  isStale,
  latestFileOf,
  toModInfo,
  unknownModInfo,
  type CurseForgeModData,
} from './mod-info.ts';

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
      currentFileIds: ['6040989', '6050000'],
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

describe('the reported off-by-one: the server installs a sibling of mainFileId', () => {
  // ChronosWS/asma#6: with "mainFileId": 4908851 current, the server's folder is <modId>_4908852.
  const released: CurseForgeModData = {
    id: 929420,
    name: 'Reported mod',
    mainFileId: 4908851,
    latestFiles: [
      { id: 4908851, displayName: 'v1.2 (Windows)', fileDate: '2023-11-28T10:00:00Z' },
      { id: 4908852, displayName: 'v1.2 (server)', fileDate: '2023-11-28T10:00:01Z' },
    ],
    latestFilesIndexes: [{ fileId: 4908851 }, { fileId: 4908852 }],
  };

  it('lists every current file of the mod', () => {
    expect(currentFileIdsOf(released)).toEqual(['4908851', '4908852']);
    expect(currentFileIdsOf({ id: 1, name: 'x', mainFileId: 7, latestFilesIndexes: [{ fileId: 9 }] })).toEqual([
      '7',
      '9',
    ]);
    expect(
      currentFileIdsOf({ ...released, latestFiles: [{ id: 4908852, isAvailable: false }], latestFilesIndexes: [] }),
    ).toEqual(['4908851']);
  });

  it('is current when the installed file is the main file or one of the current files', () => {
    const info = toModInfo(released, AT);
    expect(info.latestFileId).toBe('4908851');
    expect(instanceModOf('929420', info, { fileId: '4908852', name: null }).updateAvailable).toBe(false);
    expect(instanceModOf('929420', info, { fileId: '4908851', name: null }).updateAvailable).toBe(false);
    expect(instanceModOf('929420', info, { fileId: '4900000', name: null }).updateAvailable).toBe(true);
  });

  it('is current with only mainFileId known (an answer cached before the list was kept)', () => {
    const old = { ...toModInfo(released, AT), currentFileIds: undefined };
    expect(isOutdated('4908852', old)).toBe(false);
    expect(isOutdated('4908850', old)).toBe(true);
  });

  it('is outdated once a newer file replaces both', () => {
    const next = toModInfo(
      {
        ...released,
        mainFileId: 5000001,
        latestFiles: [],
        latestFilesIndexes: [{ fileId: 5000001 }, { fileId: 5000002 }],
      },
      AT,
    );
    expect(isOutdated('4908852', next)).toBe(true);
    expect(isOutdated('5000002', next)).toBe(false);
  });
});
