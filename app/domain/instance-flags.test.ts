import { describe, expect, it } from 'vitest';
import { InstanceSettings, InstanceSettingsPatch, PlayerListBody } from '@ark-asa/contracts';
import { foldLegacySwitchArgs } from './command-line-flags.ts';

const issues = (input: unknown) => {
  const parsed = InstanceSettings.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('player and admin switches in InstanceSettings', () => {
  it('are all off by default', () => {
    expect(InstanceSettings.parse({})).toMatchObject({
      pcOnlyMods: false,
      exclusiveJoin: false,
      noHangDetection: false,
      serverGameLog: false,
      useDynamicConfig: false,
      dynamicConfigUrl: '',
    });
  });

  it('need a dynamic config URL when the dynamic config is on', () => {
    expect(issues({ useDynamicConfig: true })).toEqual([
      { path: 'dynamicConfigUrl', message: expect.stringMatching(/URL/) },
    ]);
    expect(issues({ useDynamicConfig: true, dynamicConfigUrl: 'https://example.com/dyn.ini' })).toEqual([]);
  });

  it('take only a plain http(s) URL, one that cannot break out of its ?option', () => {
    for (const bad of [
      'ftp://example.com/d.ini',
      'example.com/d.ini',
      'https://x.com/d.ini?v=1',
      'https://x.com/a b',
      'https://x.com/#p',
      'http://x/"',
    ])
      expect(
        issues({ dynamicConfigUrl: bad }).map((i) => i.path),
        bad,
      ).toEqual(['dynamicConfigUrl']);
    expect(InstanceSettingsPatch.safeParse({ dynamicConfigUrl: 'https://x.com/d.ini?RCONPort=1' }).success).toBe(false);
    expect(InstanceSettingsPatch.parse({ exclusiveJoin: true })).toEqual({ exclusiveJoin: true });
  });
});

describe('passive mods', () => {
  it('refuses an id that is in both lists, naming passiveMods and the id', () => {
    expect(issues({ mods: ['928597', '939228'], passiveMods: ['939228'] })).toEqual([
      { path: 'passiveMods', message: expect.stringContaining('939228') },
    ]);
    expect(issues({ mods: ['928597'], passiveMods: ['939228'] })).toEqual([]);
  });
});

describe('PlayerListBody', () => {
  it('names the bad id by its index', () => {
    const parsed = PlayerListBody.safeParse({ ids: ['0002214a4a6742d9a347bd449b2dc143', 'nope'] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['ids.1']);
  });

  it('trims ids and refuses one listed twice', () => {
    expect(PlayerListBody.parse({ ids: [' 0002214a4a6742d9a347bd449b2dc143 '] }).ids).toEqual([
      '0002214a4a6742d9a347bd449b2dc143',
    ]);
    expect(
      PlayerListBody.safeParse({ ids: ['0002214A4A6742D9A347BD449B2DC143', '0002214a4a6742d9a347bd449b2dc143'] })
        .success,
    ).toBe(false);
  });
});

describe('foldLegacySwitchArgs', () => {
  it('turns stored switch extras into the switches, so the stored settings pass the schema again', () => {
    const stored = {
      ...InstanceSettings.parse({}),
      extraDashArgs: ['-ExclusiveJoin', '-ForceRespawnDinos', 'UseDynamicConfig'],
      extraQueryArgs: ['customdynamicconfigurl=https://example.com/d.ini', 'ServerCrosshair=true'],
    };
    const folded = foldLegacySwitchArgs(stored);
    expect(folded).toMatchObject({
      exclusiveJoin: true,
      useDynamicConfig: true,
      dynamicConfigUrl: 'https://example.com/d.ini',
      extraDashArgs: ['-ForceRespawnDinos'],
      extraQueryArgs: ['ServerCrosshair=true'],
    });
    expect(InstanceSettings.safeParse(folded).success).toBe(true);
    const clean = InstanceSettings.parse({ extraDashArgs: ['-ForceRespawnDinos'] });
    expect(foldLegacySwitchArgs(clean)).toBe(clean);
  });
});
