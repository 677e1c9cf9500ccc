import { describe, expect, it } from 'vitest';
import { ASA_EXPECTED_FILES, judgeInstall } from './install-verdict.ts';
import { downloading, manifest } from './manifest-fixture.ts';
import type { ManifestState } from './vdf.ts';

describe('judgeInstall', () => {
  it('accepts a manifest with a build id, StateFlags 4, equal counters, and the files present', () => {
    const verdict = judgeInstall(manifest(), []);
    expect(verdict).toMatchObject({ complete: true, manifest: { buildId: '24226775', stateFlags: 4 } });
  });

  it.each<[string, ManifestState | null, readonly string[], RegExp]>([
    ['no manifest', null, [], /^the app manifest is missing or unreadable$/],
    [
      'a download under way',
      downloading(500),
      [],
      /does not show a complete install \(StateFlags 1026 \(update required, update started\)\)/,
    ],
    ['an update pending', manifest({ StateFlags: '6' }), [], /StateFlags 6 \(fully installed, update required\)/],
    [
      'unequal counters',
      manifest({ BytesDownloaded: '1' }),
      [],
      /does not show a complete install \(downloaded 1 of 9527248082 bytes/,
    ],
    ['no build id', manifest({ buildid: '0' }), [], /^the app manifest has no build id$/],
    [
      'the server missing',
      manifest(),
      ASA_EXPECTED_FILES,
      /ArkAscendedServer\.exe is missing although the app manifest says build 24226775 is installed/,
    ],
  ])('refuses %s', (_what, state, missing, why) => {
    const verdict = judgeInstall(state, missing);
    expect(verdict.complete).toBe(false);
    if (!verdict.complete) expect(verdict.why).toMatch(why);
  });
});
