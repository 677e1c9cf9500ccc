import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installArgs, outputLines, steamcmdFixture } from '../test-support/steamcmd-fixture.ts';
import type { SteamcmdFixture } from '../test-support/steamcmd-fixture.ts';
import { writeSteamcmdControl } from './install.ts';

let fx: SteamcmdFixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

const INFO_ARGS = ['+login', 'anonymous', '+app_info_update', '1', '+app_info_print', '2430930', '+quit'];

/** The public buildid the way LinuxGSM extracts it: first buildid after "public" inside "branches". */
function publicBuildId(stdout: string): string | undefined {
  const branches = stdout.slice(stdout.indexOf('"branches"'));
  const publicBlock = branches.slice(branches.indexOf('"public"'));
  return /"buildid"\s+"(\d+)"/.exec(publicBlock)?.[1];
}

describe('steamcmd simulator: output quirks', () => {
  it('uses a decimal comma on comma locales', async () => {
    fx = await steamcmdFixture({ decimalComma: true });
    const result = await fx.run(installArgs(fx.installDir));
    const progress = outputLines(result.stdout).filter((l) => l.startsWith(' Update state'));
    expect(progress.length).toBeGreaterThan(5);
    for (const line of progress) expect(line).toMatch(/progress: \d+,\d\d \(\d+ \/ \d+\)$/);
    expect(result.stdout).toContain(' Update state (0x61) downloading, progress: 50,00 (527899 / 1055797)');
  });

  it('can end lines with CRLF like a Windows text-mode stdout', async () => {
    fx = await steamcmdFixture({ crlf: true });
    const result = await fx.run(installArgs(fx.installDir));
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .split('\n')
        .slice(0, -1)
        .every((l) => l.endsWith('\r')),
    ).toBe(true);
    expect(result.stdout).toContain("Success! App '2430930' fully installed.\r\n");
  });

  it('writes buffered output in fixed chunks that split lines, and repeats stalled lines', async () => {
    fx = await steamcmdFixture({ bufferedChunks: true, chunkBytes: 512, stallRepeats: 12 });
    const result = await fx.run(installArgs(fx.installDir));
    expect(result.code).toBe(0);
    const { chunks } = result;
    expect(chunks.length).toBeGreaterThan(1);
    // Reads may coalesce writes, but every write is exactly 512 bytes except the final flush.
    for (const c of chunks.slice(0, -1)) expect(c.length % 512).toBe(0);
    expect(chunks.some((c) => !c.toString('utf8').endsWith('\n'))).toBe(true);
    const stalled = ' Update state (0x61) downloading, progress: 50.00 (527899 / 1055797)';
    expect(outputLines(result.stdout).filter((l) => l === stalled)).toHaveLength(13);
    expect(result.stdout.endsWith('Unloading Steam API...OK\n')).toBe(true);
  });

  it('prints app info with the latest build and serves it from the appinfo cache until deleted', async () => {
    fx = await steamcmdFixture({ buildId: '100', latestBuildId: '200' });
    const first = await fx.run(INFO_ARGS);
    expect(first.code).toBe(0);
    const lines = outputLines(first.stdout);
    const at = lines.findIndex((l) => l.startsWith('AppID : 2430930, change number : '));
    expect(lines[at]).toMatch(
      /^AppID : 2430930, change number : \d+\/0, last change : \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/,
    );
    expect(lines[at + 1]).toBe('"2430930"');
    expect(first.stdout).toMatch(
      /"2430931"\n\t\t\{[\s\S]*"manifests"[\s\S]*"public"\n\t\t\t\t\{\n\t\t\t\t\t"gid"\t\t"\d+"/,
    );
    expect(first.stdout).toContain('"public_test_realm"');
    expect(first.stdout).toMatch(/"timeupdated"\t\t"\d+"/);
    expect(publicBuildId(first.stdout)).toBe('200');

    await writeSteamcmdControl(fx.home, { latestBuildId: '300' });
    expect(publicBuildId((await fx.run(INFO_ARGS)).stdout)).toBe('200');
    rmSync(path.join(fx.home, 'appcache', 'appinfo.vdf'));
    expect(publicBuildId((await fx.run(INFO_ARGS)).stdout)).toBe('300');
    expect(readFileSync(path.join(fx.home, 'appcache', 'appinfo.vdf'), 'utf8')).toContain('"300"');
  });

  it('answers an empty app info when Steam has none', async () => {
    fx = await steamcmdFixture({ appInfoEmpty: true });
    const result = await fx.run(INFO_ARGS);
    const lines = outputLines(result.stdout);
    const at = lines.indexOf('No app info for AppID 2430930 found, requesting...');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 4)).toEqual(['"2430930"', '{', '}']);
    expect(publicBuildId(result.stdout)).toBeUndefined();
  });
});
