import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseAppInfoBuildId,
  parseVdf,
  readManifestBuildId,
  readManifestState,
  vdfGet,
  VdfSyntaxError,
  type VdfObject,
} from './vdf.ts';

const MANIFEST = `"AppState"
{
\t"appid"\t\t"2430930"
\t"universe"\t\t"1"
\t"LauncherPath"\t\t"C:\\\\Program Files (x86)\\\\Steam\\\\steam.exe"
\t"name"\t\t"ARK: Survival Ascended Dedicated Server"
\t"StateFlags"\t\t"4"
\t"installdir"\t\t"ARK Survival Ascended Dedicated Server"
\t"LastUpdated"\t\t"1717171717"
\t"SizeOnDisk"\t\t"12884901888"
\t"buildid"\t\t"24226775"
\t"BytesToDownload"\t\t"9527248082"
\t"BytesDownloaded"\t\t"9527248082"
\t"BytesToStage"\t\t"34699459197"
\t"BytesStaged"\t\t"34699459197"
\t"InstalledDepots"
\t{
\t\t"2430931"
\t\t{
\t\t\t"manifest"\t\t"681058914540629286"
\t\t\t"size"\t\t"12884901888"
\t\t}
\t}
\t"UserConfig"
\t{
\t}
}
`;

const APP_INFO = `Redirecting stderr to 'C:\\steamcmd\\logs\\stderr.txt'
[  0%] Checking for available updates...
[----] Verifying installation...
Steam Console Client (c) Valve Corporation - version 1698262904
-- type 'quit' to exit --
Loading Steam API...OK

Connecting anonymously to Steam Public...OK
Waiting for client config...OK
Waiting for user info...OK
AppID : 2430930, change number : 25012345/0, last change : Tue Jun 11 18:02:45 2024
"2430930"
{
\t"common"
\t{
\t\t"name"\t\t"ARK: Survival Ascended Dedicated Server"
\t\t"type"\t\t"Tool"
\t}
\t"depots"
\t{
\t\t"2430931"
\t\t{
\t\t\t"manifests"
\t\t\t{
\t\t\t\t"public"
\t\t\t\t{
\t\t\t\t\t"gid"\t\t"681058914540629286"
\t\t\t\t\t"size"\t\t"12884901888"
\t\t\t\t\t"download"\t\t"9527248082"
\t\t\t\t}
\t\t\t}
\t\t}
\t\t"branches"
\t\t{
\t\t\t"public"
\t\t\t{
\t\t\t\t"buildid"\t\t"24226775"
\t\t\t\t"timeupdated"\t\t"1718128965"
\t\t\t}
\t\t\t"public_test_realm"
\t\t\t{
\t\t\t\t"buildid"\t\t"24300001"
\t\t\t\t"description"\t\t"Test \\"realm\\" branch"
\t\t\t\t"timeupdated"\t\t"1718128999"
\t\t\t}
\t\t}
\t}
}
Unloading Steam API...OK
`;

describe('parseVdf', () => {
  it('reads quoted keys, nested blocks, escapes and comments', () => {
    const text = '// header\n"a" { "b" "x\\"y\\\\z" // trailing\n "c" { } bare value\n"d" "C:\\steam" }';
    const parsed = parseVdf(text);
    expect(vdfGet(parsed, 'a', 'b')).toBe('x"y\\z');
    expect(vdfGet(parsed, 'a', 'c')).toEqual({});
    expect(vdfGet(parsed, 'a', 'bare')).toBe('value');
    expect(vdfGet(parsed, 'a', 'd')).toBe('C:\\steam');
  });

  it('looks keys up case-insensitively', () => {
    expect(vdfGet(parseVdf('"AppState" { "BuildID" "7" }'), 'appstate', 'buildid')).toBe('7');
  });

  it('skips conditionals', () => {
    expect(parseVdf('"k" "v" [$WIN32] "k2" "v2"')).toEqual({ k: 'v', k2: 'v2' });
  });

  it('treats prototype names as plain keys', () => {
    const parsed = parseVdf('"__proto__" "x" "constructor" { }');
    expect(vdfGet(parsed, '__proto__')).toBe('x');
    expect(Object.getPrototypeOf(parsed)).toBeNull();
  });

  it.each(['"a" {', '"a" "b" }', '"a"', '"a" "b', '{ "a" "b" }', '"a" }'])('rejects %j', (text) => {
    expect(() => parseVdf(text)).toThrow(VdfSyntaxError);
  });

  const key = fc.string({ maxLength: 8 });
  const tree: fc.Arbitrary<VdfObject> = fc.letrec<{ node: VdfObject }>((tie) => ({
    node: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 12 }), tie('node')), {
      maxKeys: 4,
    }),
  })).node;

  function serialise(obj: VdfObject, indent = ''): string {
    const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    return Object.entries(obj)
      .map(([k, v]) =>
        typeof v === 'string'
          ? `${indent}${quote(k)}\t\t${quote(v)}\n`
          : `${indent}${quote(k)}\n${indent}{\n${serialise(v, `${indent}\t`)}${indent}}\n`,
      )
      .join('');
  }

  it('reads back what a KeyValues writer wrote', () => {
    fc.assert(
      fc.property(tree, (obj) => {
        // Strings with \n or \t escapes round-trip too; compare by value, not by prototype.
        expect(JSON.parse(JSON.stringify(parseVdf(serialise(obj))))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
});

describe('appmanifest', () => {
  it('reads the build id', () => {
    expect(readManifestBuildId(MANIFEST)).toBe('24226775');
  });

  it('reads the state of a complete install', () => {
    expect(readManifestState(MANIFEST)).toEqual({
      appId: '2430930',
      name: 'ARK: Survival Ascended Dedicated Server',
      installDir: 'ARK Survival Ascended Dedicated Server',
      buildId: '24226775',
      stateFlags: 4,
      lastUpdated: 1717171717,
      bytesToDownload: 9527248082,
      bytesDownloaded: 9527248082,
      bytesToStage: 34699459197,
      bytesStaged: 34699459197,
      installedDepots: [{ depotId: '2430931', manifest: '681058914540629286', size: 12884901888 }],
      fullyInstalled: true,
    });
  });

  it('is not fully installed while an update is pending or bytes are missing', () => {
    expect(readManifestState(MANIFEST.replace('"StateFlags"\t\t"4"', '"StateFlags"\t\t"1026"'))?.fullyInstalled).toBe(
      false,
    );
    expect(readManifestState(MANIFEST.replace('"StateFlags"\t\t"4"', '"StateFlags"\t\t"6"'))?.fullyInstalled).toBe(
      false,
    );
    const partial = MANIFEST.replace('"BytesDownloaded"\t\t"9527248082"', '"BytesDownloaded"\t\t"8987745741"');
    expect(readManifestState(partial)?.fullyInstalled).toBe(false);
  });

  it('gives null for unreadable manifests', () => {
    expect(readManifestState(MANIFEST.slice(0, 200))).toBeNull();
    expect(readManifestState('')).toBeNull();
    expect(readManifestState('"Other" { }')).toBeNull();
    expect(readManifestBuildId('"AppState" { "appid" "2430930" }')).toBeNull();
  });
});

describe('parseAppInfoBuildId', () => {
  it('finds the public build among other SteamCMD lines', () => {
    expect(parseAppInfoBuildId(APP_INFO)).toBe('24226775');
  });

  it('finds another branch', () => {
    expect(parseAppInfoBuildId(APP_INFO, 'public_test_realm')).toBe('24300001');
    expect(parseAppInfoBuildId(APP_INFO, 'nope')).toBeNull();
  });

  it('works with Windows line ends', () => {
    expect(parseAppInfoBuildId(APP_INFO.replace(/\n/g, '\r\n'))).toBe('24226775');
  });

  it('gives null for an empty payload', () => {
    const empty =
      'No app info for AppID 2430930 found, requesting...\nAppID : 2430930, change number : 0/0, last change : Thu Jan  1 00:00:00 1970\n"2430930"\n{\n}\nUnloading Steam API...OK\n';
    expect(parseAppInfoBuildId(empty)).toBeNull();
  });

  it('gives null for missing or truncated output', () => {
    expect(parseAppInfoBuildId('ERROR! Timed out waiting for AppInfo update.\n')).toBeNull();
    expect(parseAppInfoBuildId(APP_INFO.slice(0, APP_INFO.indexOf('"branches"')))).toBeNull();
  });
});
