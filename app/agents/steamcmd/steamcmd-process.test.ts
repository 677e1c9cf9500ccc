import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.ts';
import type { SteamcmdEvent } from '../../domain/steamcmd/output-parser.ts';
import { SimEnv } from '../../../test/helpers/sim-env.ts';
import { runSteamcmd } from './steamcmd-process.ts';

let dir: string;
let sims: SimEnv[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-scp-'));
  sims = [];
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const sim of sims) fs.rmSync(sim.steamcmdDir, { recursive: true, force: true });
});

async function simulator(control: Parameters<SimEnv['steamcmd']>[0]): Promise<SimEnv> {
  const sim = await SimEnv.create(control);
  sims.push(sim);
  return sim;
}

const installArgs = (installDir: string) => [
  '+force_install_dir',
  installDir,
  '+login',
  'anonymous',
  '+app_update',
  '2430930',
  '+quit',
];

describe('runSteamcmd', () => {
  it('feeds stdout to the parser chunk by chunk, keeping multi-byte characters and split lines whole', async () => {
    const sim = await simulator({ durationMs: 100, payloadBytes: 4096, bufferedChunks: true, chunkBytes: 7 });
    // SteamCMD echoes a setting back. Ten 3-byte characters in a row: wherever the 7-byte chunks
    // fall, some of them are cut in two.
    const text = 'Ärk ✓ 日本語の世界で生きる Überleben';
    const events: SteamcmdEvent[] = [];
    const lines: string[] = [];
    const result = await runSteamcmd({
      executable: sim.steamcmdPath,
      args: ['+@NoPromptForPassword', text, ...installArgs(path.join(dir, 'install'))],
      onEvent: (e) => events.push(e),
      onLine: (l) => lines.push(l),
    });
    expect(result.exitCode).toBe(0);
    expect(result.success).toEqual({ kind: 'success', appId: '2430930', outcome: 'installed' });
    expect(result.error).toBeNull();
    expect(lines[0]).toBe(`Redirecting stderr to '${path.join(sim.steamcmdDir, 'logs', 'stderr.txt')}'`);
    expect(lines).toContain(`"@NoPromptForPassword" = "${text}"`);
    expect(lines).toContain('Unloading Steam API...OK');
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.every((p) => p.bytesTotal >= p.bytesDone)).toBe(true);
  });

  it('captures the output when asked and reports the last error line', async () => {
    const sim = await simulator({ mode: 'disk-full', durationMs: 50 });
    const result = await runSteamcmd({
      executable: sim.steamcmdPath,
      args: installArgs(path.join(dir, 'install')),
      captureOutput: true,
    });
    expect(result.exitCode).toBe(8);
    expect(result.error).toMatchObject({ reason: 'disk-space', retryable: false });
    expect(result.output).toContain("Error! App '2430930' state is 0x202 after update job.");
  });

  it('kills the process tree when cancelled and rejects with the abort reason', async () => {
    const sim = await simulator({ mode: 'hang', durationMs: 100 });
    const exe = sim.steamcmdPath;
    const controller = new AbortController();
    const run = runSteamcmd({
      executable: exe,
      args: installArgs(path.join(dir, 'install')),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.kind === 'progress' && e.stateLabel === 'downloading') controller.abort(new Error('stop it'));
      },
    });
    await expect(run).rejects.toThrow('stop it');
    // From the simulator's own journal of runs, not /proc: the same check works on Windows.
    expect(sim.runningSteamcmdPids()).toEqual([]);
  });

  it('says STEAMCMD_NOT_FOUND for a missing executable', async () => {
    const err: unknown = await runSteamcmd({
      executable: path.join(dir, 'nope', 'steamcmd.sh'),
      args: ['+quit'],
    }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('steamcmd-not-found');
    expect((err as Error).message).toContain('steamcmdPath');
  });
});
