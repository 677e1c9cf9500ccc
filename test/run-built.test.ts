import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, ROOT } from './helpers/processes.ts';

/**
 * `npm run serve` runs scripts/run-built.mjs: a bundle of app/cli.ts built once and rebuilt when a
 * source changed. Built into a folder of its own under dist/ (external packages resolve from the
 * checkout's node_modules), so the checkout's dist/run is left alone.
 */
// A fresh clone has no dist/ yet.
fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
const outDir = fs.mkdtempSync(path.join(ROOT, 'dist', 'run-built-test-'));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Starts `run-built.mjs serve`, waits for /api/v1/health, stops it with SIGTERM. */
async function serveOnce(): Promise<Run & { health: unknown }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-run-built-'));
  const child = spawn(
    process.execPath,
    ['scripts/run-built.mjs', 'serve', '--port', String(port), '--data-dir', dataDir],
    {
      cwd: ROOT,
      env: { ...process.env, ARK_RUN_BUILT_DIR: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const run: Run = { stdout: '', stderr: '', code: null };
  child.stdout.on('data', (c: Buffer) => (run.stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let health: unknown = null;
  for (let i = 0; i < 600 && health === null && child.exitCode === null; i++) {
    health = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      (r) => r.json(),
      () => null,
    );
    if (health === null) await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  run.code = await exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { ...run, health };
}

describe('npm run serve (scripts/run-built.mjs)', () => {
  it('builds once, serves the API from the build, stops cleanly on SIGTERM, and reuses the build', async () => {
    const first = await serveOnce();
    expect(first.stderr).toMatch(/built .*serve\.js from app\/cli\.ts/);
    expect(first.health).toMatchObject({ status: 'ok' });
    expect(first.stdout).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(first.code).toBe(0);
    expect(fs.existsSync(path.join(outDir, 'serve.js'))).toBe(true);

    const second = await serveOnce();
    expect(second.stderr).not.toMatch(/built /);
    expect(second.health).toMatchObject({ status: 'ok' });
  }, 60_000);

  it('rebuilds when a source it was built from is newer than the build', async () => {
    await serveOnce();
    const stamp = JSON.parse(fs.readFileSync(path.join(outDir, 'serve.inputs.json'), 'utf8')) as { inputs: string[] };
    expect(stamp.inputs).toEqual(expect.arrayContaining(['app/cli.ts', 'app/control-plane.ts']));
    // Only the build's date moves, to just before its newest source: the sources stay untouched.
    const newest = Math.max(...stamp.inputs.map((f) => fs.statSync(path.join(ROOT, f)).mtimeMs));
    const past = new Date(newest - 1000);
    fs.utimesSync(path.join(outDir, 'serve.js'), past, past);
    const again = await serveOnce();
    expect(again.stderr).toMatch(/built .*serve\.js/);
    expect(again.health).toMatchObject({ status: 'ok' });
  }, 60_000);
});
