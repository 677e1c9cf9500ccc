import { InstanceSettings, type InstanceSettingsInput } from '@ark-asa/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from './app-error.ts';
import { buildServerCommandLine, redactCommandLine, redactSecrets } from './command-line.ts';

const settings = (input: InstanceSettingsInput) => InstanceSettings.parse({ adminPassword: 'Adm1n', ...input });

function validationField(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (isAppError(err) && err.code === 'validation-failed') {
      return (err.details as { fields: Array<{ field: string }> }).fields[0]?.field;
    }
    throw err;
  }
  return undefined;
}

describe('buildServerCommandLine golden cases', () => {
  it('builds the minimal command line from defaults', () => {
    expect(buildServerCommandLine(settings({}))).toEqual([
      'TheIsland_WP?listen?SessionName=My ARK Server?Port=7777?RCONEnabled=True?RCONPort=27020?ServerAdminPassword=Adm1n',
      '-WinLiveMaxPlayers=70',
      '-NoBattlEye',
    ]);
  });

  it('keeps spaces and non-ASCII in the session name inside the one URL argument, unquoted', () => {
    const args = buildServerCommandLine(
      settings({ sessionName: 'Ark Knights – Östra 🦖 [PvE] x=2', map: 'ScorchedEarth_WP' }),
    );
    expect(args[0]).toBe(
      'ScorchedEarth_WP?listen?SessionName=Ark Knights – Östra 🦖 [PvE] x=2?Port=7777?RCONEnabled=True?RCONPort=27020?ServerAdminPassword=Adm1n',
    );
  });

  it('adds the join password, mods, cluster, platforms and extras in a fixed order', () => {
    const args = buildServerCommandLine(
      settings({
        sessionName: 'Cluster One',
        gamePort: 7790,
        rconPort: 32330,
        maxPlayers: 10,
        serverPassword: 'j0in',
        mods: ['928597', '939228'],
        passiveMods: ['935617'],
        clusterId: 'my-cluster_1',
        clusterDir: 'D:\\ARK_Clusters\\Ünïcode',
        battlEye: true,
        platforms: ['PC', 'XSX'],
        extraQueryArgs: ['AllowFlyerCarryPvE=True', 'ServerCrosshair=true', 'PreventDownloadSurvivors'],
        extraDashArgs: ['-ForceAllowCaveFlyers', 'ForceRespawnDinos', '-ActiveEvent=Summer'],
      }),
    );
    expect(args).toEqual([
      'TheIsland_WP?listen?SessionName=Cluster One?Port=7790?RCONEnabled=True?RCONPort=32330?ServerAdminPassword=Adm1n' +
        '?ServerPassword=j0in?AllowFlyerCarryPvE=True?ServerCrosshair=true?PreventDownloadSurvivors',
      '-WinLiveMaxPlayers=10',
      '-mods=935617,928597,939228',
      '-passivemods=935617',
      '-clusterid=my-cluster_1',
      '-ClusterDirOverride=D:\\ARK_Clusters\\Ünïcode',
      '-ServerPlatform=PC+XSX',
      '-ForceAllowCaveFlyers',
      '-ForceRespawnDinos',
      '-ActiveEvent=Summer',
    ]);
  });

  it('refuses values that would inject an option, even past the schema', () => {
    const base = settings({});
    expect(validationField(() => buildServerCommandLine({ ...base, sessionName: 'x?ServerAdminPassword=y' }))).toBe(
      'sessionName',
    );
    expect(validationField(() => buildServerCommandLine({ ...base, sessionName: 'a"b' }))).toBe('sessionName');
    expect(validationField(() => buildServerCommandLine({ ...base, serverPassword: 'a\nb' }))).toBe('serverPassword');
    expect(validationField(() => buildServerCommandLine({ ...base, clusterDir: 'C:\\x\u0000' }))).toBe('clusterDir');
    expect(validationField(() => buildServerCommandLine({ ...base, map: 'TheIsland_WP?RCONPort=1' }))).toBe('map');
    expect(validationField(() => buildServerCommandLine({ ...base, mods: ['1,2'] }))).toBe('mods.0');
    expect(validationField(() => buildServerCommandLine({ ...base, extraQueryArgs: ['A=1?RCONPort=2'] }))).toBe(
      'extraQueryArgs.0',
    );
    expect(validationField(() => buildServerCommandLine({ ...base, extraQueryArgs: ['ServerAdminPassword=x'] }))).toBe(
      'extraQueryArgs.0',
    );
    expect(validationField(() => buildServerCommandLine({ ...base, extraQueryArgs: [''] }))).toBe('extraQueryArgs.0');
    expect(validationField(() => buildServerCommandLine({ ...base, extraDashArgs: ['-mods=1'] }))).toBe(
      'extraDashArgs.0',
    );
    expect(validationField(() => buildServerCommandLine({ ...base, extraDashArgs: ['-Flag=a?b'] }))).toBe(
      'extraDashArgs.0',
    );
    expect(validationField(() => buildServerCommandLine({ ...base, gamePort: 7777.5 }))).toBe('gamePort');
  });

  it('refuses to enable RCON with an empty admin password', () => {
    expect(validationField(() => buildServerCommandLine({ ...settings({}), adminPassword: '' }))).toBe('adminPassword');
  });
});

describe('player and admin switches', () => {
  it('adds each switch only when it is on, after the managed flags and before the extras', () => {
    const args = buildServerCommandLine(
      settings({
        pcOnlyMods: true,
        exclusiveJoin: true,
        noHangDetection: true,
        serverGameLog: true,
        useDynamicConfig: true,
        dynamicConfigUrl: 'https://example.com/ark/dynamicconfig.ini',
        extraDashArgs: ['-culture=de'],
      }),
    );
    expect(args).toEqual([
      'TheIsland_WP?listen?SessionName=My ARK Server?Port=7777?RCONEnabled=True?RCONPort=27020?ServerAdminPassword=Adm1n' +
        '?CustomDynamicConfigUrl=https://example.com/ark/dynamicconfig.ini',
      '-WinLiveMaxPlayers=70',
      '-NoBattlEye',
      '-pconlymods',
      '-exclusivejoin',
      '-NoHangDetection',
      '-servergamelog',
      '-UseDynamicConfig',
      '-culture=de',
    ]);
  });

  it('keeps the command line of settings stored before the switches existed', () => {
    const old = settings({ mods: ['928597'] }) as Partial<InstanceSettings>;
    for (const key of [
      'pcOnlyMods',
      'exclusiveJoin',
      'noHangDetection',
      'serverGameLog',
      'useDynamicConfig',
      'dynamicConfigUrl',
    ] as const)
      delete old[key];
    expect(buildServerCommandLine(old as InstanceSettings)).toEqual(
      buildServerCommandLine(settings({ mods: ['928597'] })),
    );
  });

  it('still starts a server whose stored extras carry a switch from before it had a field', () => {
    const stored = {
      ...settings({}),
      extraDashArgs: ['-servergamelog', '-culture=de', 'NoHangDetection'],
      extraQueryArgs: ['AllowFlyerCarryPvE=True'],
    };
    expect(buildServerCommandLine(stored).slice(1)).toEqual([
      '-WinLiveMaxPlayers=70',
      '-NoBattlEye',
      '-NoHangDetection',
      '-servergamelog',
      '-culture=de',
    ]);
  });

  it('leaves out the URL while the dynamic config is off, and refuses an unsafe one past the schema', () => {
    expect(buildServerCommandLine(settings({ dynamicConfigUrl: 'https://example.com/d.ini' }))[0]).not.toContain(
      'Dynamic',
    );
    const on = settings({ useDynamicConfig: true, dynamicConfigUrl: 'https://example.com/d.ini' });
    expect(
      validationField(() => buildServerCommandLine({ ...on, dynamicConfigUrl: 'https://x/d.ini?RCONPort=1' })),
    ).toBe('dynamicConfigUrl');
    expect(validationField(() => buildServerCommandLine({ ...on, dynamicConfigUrl: 'file:///c/d.ini' }))).toBe(
      'dynamicConfigUrl',
    );
  });

  it('refuses the switches as extra arguments, where they would bypass the form', () => {
    for (const arg of ['-exclusivejoin', 'ServerGameLog', '-UseDynamicConfig', '-NoHangDetection', '-PCOnlyMods'])
      expect(InstanceSettings.safeParse({ extraDashArgs: [arg] }).success, arg).toBe(false);
    expect(InstanceSettings.safeParse({ extraQueryArgs: ['CustomDynamicConfigUrl=http://x/d.ini'] }).success).toBe(
      false,
    );
    expect(
      validationField(() => buildServerCommandLine({ ...settings({}), extraDashArgs: ['exclusivejoin=true'] })),
    ).toBe('extraDashArgs.0');
  });
});

describe('redactCommandLine', () => {
  it('masks every password value and nothing else', () => {
    const args = buildServerCommandLine(
      settings({ serverPassword: 'j0in', extraQueryArgs: ['SpectatorPassword=spec'], extraDashArgs: ['-culture=de'] }),
    );
    expect(redactCommandLine(args)).toEqual([
      'TheIsland_WP?listen?SessionName=My ARK Server?Port=7777?RCONEnabled=True?RCONPort=27020' +
        '?ServerAdminPassword=********?ServerPassword=********?SpectatorPassword=********',
      '-WinLiveMaxPlayers=70',
      '-NoBattlEye',
      '-culture=de',
    ]);
  });

  it('masks quoted and dash-style passwords in the server’s own log echo, and leaves empty ones empty', () => {
    expect(
      redactSecrets(
        'Commandline:  TheIsland_WP?listen?ServerPassword="a b"?ServerAdminPassword=x -ServerAdminPassword=y',
      ),
    ).toBe(
      'Commandline:  TheIsland_WP?listen?ServerPassword=********?ServerAdminPassword=******** -ServerAdminPassword=********',
    );
    expect(redactSecrets('TheIsland_WP?ServerPassword=?Port=1')).toBe('TheIsland_WP?ServerPassword=?Port=1');
  });
});

const safeChar = fc.oneof(
  fc.constantFrom(' ', '=', '-', '[', ']', '\\', ':', ',', '+', "'", 'é', 'Ö', '–', '🦖', '漢'),
  fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[?"\s]/.test(c)),
);
const safeText = (maxLength: number) => fc.string({ unit: safeChar, minLength: 1, maxLength });
const password = fc.string({ unit: safeChar, maxLength: 20 }).map((p) => p.replace(/\s/g, ''));
const extraQuery = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.]{0,8}(=[A-Za-z0-9_.,=:+-]{0,8})?$/);
const extraDash = fc.stringMatching(/^-?[A-Za-z][A-Za-z0-9_.]{0,8}(=[A-Za-z0-9_.,=:+\\/-]{0,8})?$/);

const validSettings = fc
  .record({
    map: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_]{0,20}$/),
    sessionName: safeText(60),
    gamePort: fc.integer({ min: 1024, max: 65535 }),
    rconPort: fc.integer({ min: 1024, max: 65535 }),
    maxPlayers: fc.integer({ min: 1, max: 500 }),
    serverPassword: password,
    adminPassword: password.filter((p) => p !== ''),
    mods: fc.uniqueArray(fc.stringMatching(/^\d{1,12}$/), { maxLength: 4 }),
    passiveMods: fc.uniqueArray(fc.stringMatching(/^\d{1,12}$/), { maxLength: 2 }),
    clusterId: fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/),
    clusterDir: fc.string({ unit: safeChar, maxLength: 30 }),
    battlEye: fc.boolean(),
    platforms: fc.uniqueArray(fc.constantFrom('PC', 'XSX', 'PS5', 'WINGDK'), { maxLength: 4 }),
    extraQueryArgs: fc.array(extraQuery, { maxLength: 4 }),
    extraDashArgs: fc.array(extraDash, { maxLength: 4 }),
  })
  .map((raw) => InstanceSettings.safeParse(raw))
  .filter((r) => r.success)
  .map((r) => r.data);

describe('buildServerCommandLine property', () => {
  it('the URL argument parses back to exactly the intended options, and flags stay flags', () => {
    fc.assert(
      fc.property(validSettings, (s) => {
        const args = buildServerCommandLine(s);
        const [map, ...options] = args[0]!.split('?');
        const pairs = options.map((o) => [o.split('=')[0], o.slice(o.indexOf('=') + 1)]);
        const expectedKeys = [
          'listen',
          'SessionName',
          'Port',
          'RCONEnabled',
          'RCONPort',
          'ServerAdminPassword',
          ...(s.serverPassword ? ['ServerPassword'] : []),
          ...s.extraQueryArgs.map((a) => a.split('=')[0]),
        ];
        expect(map).toBe(s.map);
        expect(pairs.map(([k]) => k)).toEqual(expectedKeys);
        const value = (k: string) => pairs.find(([key]) => key === k)?.[1];
        expect(value('SessionName')).toBe(s.sessionName);
        expect(value('Port')).toBe(String(s.gamePort));
        expect(value('RCONPort')).toBe(String(s.rconPort));
        expect(value('ServerAdminPassword')).toBe(s.adminPassword);

        const flags = args.slice(1);
        const clean = (f: string) => !f.includes('"') && [...f].every((c) => c.charCodeAt(0) >= 0x20);
        expect(flags.every((f) => /^-[A-Za-z]/.test(f) && clean(f))).toBe(true);
        expect(flags).toHaveLength(
          1 +
            [[...s.mods, ...s.passiveMods], s.passiveMods, s.platforms].filter((l) => l.length > 0).length +
            [s.clusterId, s.clusterDir].filter((v) => v !== '').length +
            (s.battlEye ? 0 : 1) +
            s.extraDashArgs.length,
        );

        const redacted = redactCommandLine(args)[0]!.split('?');
        expect(redacted).toContain('ServerAdminPassword=********');
        expect(redacted.filter((o) => o.startsWith('ServerPassword='))).toEqual(
          s.serverPassword ? ['ServerPassword=********'] : [],
        );
      }),
      { numRuns: 500 },
    );
  });
});
