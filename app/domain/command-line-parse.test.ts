import { describe, expect, it } from 'vitest';
import { buildServerCommandLine } from './command-line.ts';
import { parseServerArguments } from './command-line-parse.ts';
import { InstanceSettings } from '@ark-asa/contracts';

describe('parseServerArguments', () => {
  it('maps managed options to fields and keeps other options as extras', () => {
    const { settings, warnings } = parseServerArguments([
      'TheIsland_WP?listen?SessionName=My Island?Port=7790?QueryPort=27015?RCONEnabled=True?RCONPort=27030?ServerAdminPassword=secret?AllowFlyerCarryPvE=True',
      '-WinLiveMaxPlayers=20',
      '-NoBattlEye',
      '-mods=111,222',
      '-passivemods=222',
      '-clusterid=abc',
      '-ServerPlatform=PC+XSX',
      '-servergamelog',
      '-ForceAllowCaveFlyers',
      '-log',
    ]);
    expect(settings).toEqual({
      map: 'TheIsland_WP',
      sessionName: 'My Island',
      gamePort: 7790,
      rconPort: 27030,
      adminPassword: 'secret',
      maxPlayers: 20,
      battlEye: false,
      mods: ['111'],
      passiveMods: ['222'],
      clusterId: 'abc',
      platforms: ['PC', 'XSX'],
      serverGameLog: true,
      extraQueryArgs: ['AllowFlyerCarryPvE=True'],
      extraDashArgs: ['-ForceAllowCaveFlyers'],
    });
    expect(warnings).toEqual(['QueryPort is not used by ASA; it was left out']);
  });

  it('drops a value the settings refuse, with a warning that never shows a password', () => {
    const { settings, warnings } = parseServerArguments(['TheIsland_WP?Port=80?ServerAdminPassword=pässwörd']);
    expect(settings).toEqual({ map: 'TheIsland_WP' });
    expect(warnings.join(' ')).toContain('gamePort');
    expect(warnings.join(' ')).not.toContain('pässwörd');
  });

  it('reads back what the builder writes', () => {
    const original = InstanceSettings.parse({
      map: 'Ragnarok_WP',
      sessionName: 'Rag',
      gamePort: 7800,
      rconPort: 27040,
      adminPassword: 'Admin1',
      maxPlayers: 30,
      mods: ['5'],
      passiveMods: ['6'],
      clusterId: 'c1',
      exclusiveJoin: true,
      extraDashArgs: ['-ForceAllowCaveFlyers'],
    });
    const { settings } = parseServerArguments(buildServerCommandLine(original));
    expect(InstanceSettings.parse(settings)).toEqual(original);
  });
});
