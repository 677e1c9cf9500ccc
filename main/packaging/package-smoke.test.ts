/**
 * Packaging smoke check, offline: builds main and preload with electron-vite, then runs the real
 * electron-builder.yml as `electron-builder --linux dir` in a staged copy of the app, with
 * `electronDist` pointing at a stand-in Electron (a small file carrying Electron's fuse wire, so
 * the fuse flipping runs too) and `npmRebuild` off (rebuilding better-sqlite3 needs Electron's
 * headers from the internet). What it proves: the `files`/asar/asarUnpack/fuses/publish config
 * produces an app.asar with main, preload, renderer and the bundled contracts, better-sqlite3's
 * binding unpacked, every runtime import packaged. What it cannot: the NSIS installer and the
 * Electron rebuild (Windows runner, see .github/workflows/release.yml, which runs check-package.ts
 * on the real build).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAppOutDir } from './check-package.ts';
import {
  FUSE,
  FUSE_OFF,
  FUSE_ON,
  FUSE_SENTINEL,
  inspectResources,
  readFuseWire,
  type PackageReport,
} from './inspect-package.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

async function runNode(args: string[], cwd: string, env: Record<string, string> = {}): Promise<void> {
  try {
    await run(process.execPath, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 180_000,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${path.basename(args[0]!)} failed: ${e.message}\n${(e.stdout ?? '').slice(-3000)}\n${(e.stderr ?? '').slice(-3000)}`,
      { cause: err },
    );
  }
}

/** A stand-in for the Electron binary: not runnable, but with the fuse wire in Electron's default states. */
function writeStandInElectron(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const defaults = [FUSE_ON, FUSE_OFF, FUSE_ON, FUSE_ON, FUSE_OFF, FUSE_OFF, FUSE_OFF, FUSE_ON];
  const wire = Buffer.from([1, defaults.length, ...defaults]);
  const script = Buffer.from('#!/bin/sh\necho "stand-in for Electron: packaging smoke test only" >&2\nexit 1\n');
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([script, Buffer.from(FUSE_SENTINEL), wire]), {
    mode: 0o755,
  });
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
}

/** The app as electron-builder sees it in the repository, with the build output and node_modules linked in. */
function stageApp(app: string): void {
  fs.mkdirSync(app, { recursive: true });
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml'])
    fs.copyFileSync(path.join(ROOT, file), path.join(app, file));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  // The npm workspace the lockfile names (node_modules/@ark-asa/contracts links to it).
  fs.mkdirSync(path.join(app, 'app'));
  fs.symlinkSync(path.join(ROOT, 'app', 'contracts'), path.join(app, 'app', 'contracts'), 'dir');
  fs.mkdirSync(path.join(app, 'build'));
  for (const icon of ['icon.png', 'icon.ico'])
    fs.copyFileSync(path.join(ROOT, 'build', icon), path.join(app, 'build', icon));
  const dist = path.join(app, 'renderer', 'dist');
  const builtUi = path.join(ROOT, 'renderer', 'dist');
  // `npm test` builds the UI first (pretest); a bare `vitest run` may find none: a one-page stand-in then.
  if (fs.existsSync(path.join(builtUi, 'index.html'))) fs.cpSync(builtUi, dist, { recursive: true });
  else {
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>ARK ASA Server Manager</title>');
  }
}

describe.skipIf(process.platform !== 'linux')('packaging smoke check (offline, electron-builder --dir --linux)', () => {
  let stage = '';
  let appOutDir = '';
  let report: PackageReport;

  beforeAll(async () => {
    stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-package-'));
    const app = path.join(stage, 'app');
    stageApp(app);
    await runNode(
      [
        path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
        'build',
        '--config',
        'main/electron.vite.config.ts',
        '--logLevel',
        'warn',
      ],
      ROOT,
      {
        ARK_ELECTRON_OUT_DIR: path.join(app, 'out'),
      },
    );
    writeStandInElectron(path.join(stage, 'electron-dist'));
    const output = path.join(stage, 'release');
    await runNode(
      [
        path.join(ROOT, 'node_modules/electron-builder/cli.js'),
        '--linux',
        'dir',
        '--x64',
        '--publish',
        'never',
        `-c.electronDist=${path.join(stage, 'electron-dist')}`,
        '-c.npmRebuild=false',
        `-c.directories.output=${output}`,
      ],
      app,
    );
    appOutDir = path.join(output, 'linux-unpacked');
    report = inspectResources(path.join(appOutDir, 'resources'));
  }, 240_000);

  afterAll(() => {
    if (stage) fs.rmSync(stage, { recursive: true, force: true });
  });

  it('puts main, the preload, the renderer and the contracts into app.asar', () => {
    for (const file of ['package.json', 'out/main/main.js', 'out/preload/preload.cjs', 'renderer/dist/index.html'])
      expect(report.files.has(file), file).toBe(true);
    // The contracts are bundled into main (their TypeScript sources are not shipped).
    expect(report.problems.filter((p) => p.includes('contracts'))).toEqual([]);
    expect([...report.files].some((f) => f.startsWith('node_modules/@ark-asa/'))).toBe(false);
  });

  it('unpacks the native module next to the asar', () => {
    expect(
      fs.existsSync(
        path.join(
          appOutDir,
          'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        ),
      ),
    ).toBe(true);
    expect(report.problems.filter((p) => p.includes('better-sqlite3'))).toEqual([]);
  });

  it('packages every runtime module the main bundle imports, and not the dev-only ones', () => {
    expect(report.externals).toEqual(
      expect.arrayContaining(['better-sqlite3', 'express', 'electron-updater', 'pino', 'ws', 'zod']),
    );
    expect(report.problems.filter((p) => p.includes('packaged'))).toEqual([]);
    expect([...report.files].some((f) => /^node_modules\/(tsx|esbuild|vite|vitest|electron-builder)\//.test(f))).toBe(
      false,
    );
  });

  it('flips the fuses: no RunAsNode, no NODE_OPTIONS, no --inspect, app.asar only', () => {
    const wire = readFuseWire(fs.readFileSync(path.join(appOutDir, 'ark-asa-server-manager')));
    expect(wire?.[FUSE.runAsNode]).toBe(FUSE_OFF);
    expect(wire?.[FUSE.nodeOptions]).toBe(FUSE_OFF);
    expect(wire?.[FUSE.nodeCliInspect]).toBe(FUSE_OFF);
    expect(wire?.[FUSE.onlyLoadAppFromAsar]).toBe(FUSE_ON);
  });

  it('passes the same check CI runs on the Windows build', () => {
    expect(checkAppOutDir(appOutDir)).toEqual([]);
  });
});
