import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { start, waitFor } from '../test-support/process.ts';
import { installArgs, outputLines, steamcmdFixture } from '../test-support/steamcmd-fixture.ts';
import type { SteamcmdFixture } from '../test-support/steamcmd-fixture.ts';

let fx: SteamcmdFixture | null = null;
afterEach(async () => {
  await fx?.cleanup();
  fx = null;
});

const manifestOf = (dir: string): string => path.join(dir, 'steamapps', 'appmanifest_2430930.acf');

describe('steamcmd simulator: failure modes', () => {
  it('self-updates on the very first run (exit 7) and works on the second', async () => {
    fx = await steamcmdFixture({ mode: 'self-update-first-run' });
    const first = await fx.run(installArgs(fx.installDir));
    expect(first.code).toBe(7);
    expect(outputLines(first.stdout)).toEqual([
      `Redirecting stderr to '${path.join(fx.home, 'logs', 'stderr.txt')}'`,
      '[  0%] Checking for available update...',
      '[  0%] Downloading update (0 of 11,372 KB)...',
      '[ 97%] Downloading update (11,372 of 11,372 KB)...',
      '[100%] Download Complete.',
      '[----] Applying update...',
      '[----] Extracting package...',
      '[----] Installing update...',
      '[----] Cleaning up...',
      '[----] Update complete, launching...',
    ]);
    expect(existsSync(fx.installDir)).toBe(false);
    const second = await fx.run(installArgs(fx.installDir));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Success! App '2430930' fully installed.");
  });

  it('disk full: state 0x202, exit 8, no manifest', async () => {
    fx = await steamcmdFixture({ mode: 'disk-full' });
    const result = await fx.run(installArgs(fx.installDir));
    expect(result.code).toBe(8);
    expect(result.stdout).toContain("Error! App '2430930' state is 0x202 after update job.\n");
    expect(result.stdout).not.toContain('Success!');
    expect(existsSync(manifestOf(fx.installDir))).toBe(false);
  });

  it('network loss: 0x401 stopping lines, then state 0x602, exit 8', async () => {
    fx = await steamcmdFixture({ mode: 'network' });
    const result = await fx.run(installArgs(fx.installDir));
    expect(result.code).toBe(8);
    const lines = outputLines(result.stdout);
    const err = lines.indexOf("Error! App '2430930' state is 0x602 after update job.");
    expect(err).toBeGreaterThan(0);
    expect(lines[err - 1]).toMatch(/^ Update state \(0x401\) stopping, progress: \d+\.\d\d \(\d+ \/ \d+\)$/);
    expect(lines.some((l) => l.includes('(0x61) downloading'))).toBe(true);
    // The manifest of the interrupted download: update started, no build installed (docs/ark-facts.md#appmanifest).
    const acf = readFileSync(manifestOf(fx.installDir), 'utf8');
    expect(acf).toContain('\t"StateFlags"\t\t"1026"\n');
    expect(acf).toContain('\t"buildid"\t\t"0"\n');
    expect(acf).toContain('\t"TargetBuildID"\t\t"12345678"\n');
    expect(existsSync(path.join(fx.installDir, 'ShooterGame', 'Binaries', 'Win64', 'ArkAscendedServer.exe'))).toBe(
      false,
    );
  });

  it('state 0x6: exit 8, cause only in content_log.txt', async () => {
    fx = await steamcmdFixture({ mode: 'state-0x6' });
    const result = await fx.run(installArgs(fx.installDir));
    expect(result.code).toBe(8);
    expect(result.stdout).toContain("Error! App '2430930' state is 0x6 after update job.\n");
    expect(readFileSync(path.join(fx.home, 'logs', 'content_log.txt'), 'utf8')).toContain('update canceled');
  });

  it('no subscription: exit 8', async () => {
    fx = await steamcmdFixture({ mode: 'no-subscription' });
    const result = await fx.run(installArgs(fx.installDir));
    expect(result.code).toBe(8);
    expect(result.stdout).toContain("ERROR! Failed to install app '2430930' (No subscription)\n");
  });

  it('appinfo timeout: exit 1', async () => {
    fx = await steamcmdFixture({ mode: 'appinfo-timeout' });
    const result = await fx.run(installArgs(fx.installDir));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ERROR! Timed out waiting for AppInfo update.\n');
  });

  it('hang: prints progress, never exits, dies on a signal', async () => {
    fx = await steamcmdFixture({ mode: 'hang', durationMs: 100 });
    const proc = start(fx.exe, installArgs(fx.installDir));
    await waitFor(() => proc.stdout().includes('(0x61) downloading, progress: 30.00'), 'download progress');
    expect(proc.child.exitCode).toBeNull();
    // Download state on disk while the job runs (docs/ark-facts.md#error-lines).
    expect(existsSync(path.join(fx.installDir, 'steamapps', 'downloading', '2430930'))).toBe(true);
    expect(existsSync(path.join(fx.installDir, 'steamapps', 'temp'))).toBe(true);
    // …and the manifest of the update under way, with its byte counters (docs/steamcmd.md).
    const acf = readFileSync(manifestOf(fx.installDir), 'utf8');
    expect(acf).toContain('\t"StateFlags"\t\t"1026"\n');
    const counter = (key: string) => Number(new RegExp(`"${key}"\\t\\t"(\\d+)"`).exec(acf)?.[1]);
    expect(counter('BytesDownloaded')).toBe(Math.round((counter('BytesToDownload') * 3) / 10));
    proc.child.kill('SIGTERM');
    const result = await proc.done;
    expect(result.signal).toBe('SIGTERM');
    expect(result.stdout).not.toContain('Success!');
  });

  it('omitSuccessLine: the install completes on disk, but no Success! line is printed', async () => {
    fx = await steamcmdFixture({ omitSuccessLine: true });
    const result = await fx.run(installArgs(fx.installDir));
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Success!');
    expect(result.stdout).toContain(' Update state (0x101) committing, progress: 100.00');
    const acf = readFileSync(manifestOf(fx.installDir), 'utf8');
    expect(acf).toContain('\t"StateFlags"\t\t"4"\n');
    expect(acf).toContain('\t"buildid"\t\t"12345678"\n');
  });

  it('exitCodeOverride replaces the exit code', async () => {
    fx = await steamcmdFixture({ exitCodeOverride: 42 });
    const result = await fx.run(installArgs(fx.installDir));
    expect(result.code).toBe(42);
    expect(result.stdout).toContain("Success! App '2430930' fully installed.");
  });
});
