import { describe, expect, it } from 'vitest';
import { echoCommandLine, parseCommandLine } from './cmdline.ts';
import { formatIniLikeArk, parseIni } from './ini.ts';
import { resolveSettings } from './settings.ts';

describe('ASA command line parsing (docs/ark-facts.md, command line)', () => {
  it('reads URL options, quoted values and flags case-insensitively', () => {
    const cmd = parseCommandLine([
      'Ragnarok_WP?listen?SessionName="What? A Server"?Port=7790?RCONEnabled=True?RCONPort=32330?ServerAdminPassword="adm"',
      '-WinLiveMaxPlayers=10',
      '-Mods=928597,939228',
      '-clusterid=c1',
      '-ClusterDirOverride="/srv/cluster dir"',
      '-NoBattlEye',
    ]);
    const s = resolveSettings(cmd, parseIni(''));
    expect(s).toMatchObject({
      map: 'Ragnarok_WP',
      sessionName: 'What? A Server',
      port: 7790,
      rconEnabled: true,
      rconPort: 32330,
      adminPassword: 'adm',
      maxPlayers: 10,
      mods: ['928597', '939228'],
      clusterId: 'c1',
      clusterDir: '/srv/cluster dir',
      battlEye: false,
    });
  });

  it('accepts -port= and the odd quoting around ? seen in the wild', () => {
    const cmd = parseCommandLine(['TheIsland_WP?listen?"SessionName=Odd?"RCONEnabled=True', '-port=7800']);
    const s = resolveSettings(cmd, parseIni(''));
    expect([s.sessionName, s.rconEnabled, s.port]).toEqual(['Odd', true, 7800]);
  });

  it('invents ARK #NNNNNN when no session name is given anywhere', () => {
    expect(resolveSettings(parseCommandLine(['TheIsland_WP?listen']), parseIni('')).sessionName).toMatch(
      /^ARK #\d{6}$/,
    );
  });

  it('echoes arguments with blanks quoted', () => {
    expect(echoCommandLine(['TheIsland_WP?listen', '-ClusterDirOverride=/a b'])).toBe(
      'TheIsland_WP?listen "-ClusterDirOverride=/a b"',
    );
  });

  it('rewrites ini floats with six decimals and CRLF, keeping duplicates in order', () => {
    const doc = parseIni('[S]\nA=1.0\nB=.5\nC=10\nD=1.2.3\nE=x\nE=y\n');
    expect(formatIniLikeArk(doc)).toBe('[S]\r\nA=1.000000\r\nB=0.500000\r\nC=10\r\nD=1.2.3\r\nE=x\r\nE=y\r\n');
  });
});
