/**
 * Packaging smoke check, offline: builds main and preload with electron-vite, then runs the real
 * electron-builder.yml as `electron-builder --linux dir` in a staged copy of the app whose
 * node_modules is a REAL production install (`npm ci --omit=dev`, cached: production-install.ts),
 * with `electronDist` pointing at a stand-in Electron (a small file carrying Electron's fuse wire,
 * so the fuse flipping runs too). Then it proves inside the packed app that every module the
 * bundles import resolves and loads under plain Node, with all of its dependencies, and that
 * better-sqlite3's binding opens a database (runtime-modules.ts); and that the same check fails,
 * naming the package, when a transitive dependency is missing from the install.
 * What it cannot: the NSIS installer and a real Electron (the Windows jobs of
 * .github/workflows/release.yml: check:package on the real build, then install, start, uninstall).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAppOutDir, type AppCheck } from './check-package.ts';
import {
  FUSE,
  FUSE_OFF,
  FUSE_ON,
  FUSE_SENTINEL,
  inspectResources,
  readFuseWire,
  sqliteBinding,
  type PackageReport,
} from './inspect-package.ts';
import { productionInstall } from './production-install.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

async function runNode(args: string[], cwd: string, env: Record<string, string> = {}): Promise<void> {
  try {
    await run(process.execPath, args, {
      cwd,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 300_000,
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

/** main + preload (electron-vite) and the UI, built once and copied into each staged app. */
async function buildApp(dir: string): Promise<void> {
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
    { ARK_ELECTRON_OUT_DIR: path.join(dir, 'out') },
  );
  const dist = path.join(dir, 'renderer', 'dist');
  const builtUi = path.join(ROOT, 'renderer', 'dist');
  // `npm test` builds the UI first (pretest); a bare `vitest run` may find none: a one-page stand-in then.
  if (fs.existsSync(path.join(builtUi, 'index.html'))) fs.cpSync(builtUi, dist, { recursive: true });
  else {
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>ARK ASA Server Manager</title>');
  }
}

/** The app as electron-builder sees it in a checkout, with the production install as node_modules. */
function stageApp(app: string, built: string, production: string): void {
  fs.mkdirSync(path.join(app, 'build'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml'])
    fs.copyFileSync(path.join(ROOT, file), path.join(app, file));
  for (const file of ['icon.png', 'icon.ico', 'installer.nsh'])
    fs.copyFileSync(path.join(ROOT, 'build', file), path.join(app, 'build', file));
  fs.cpSync(built, app, { recursive: true });
  // The workspace's manifest only: node_modules/@ark-asa/contracts links to it, nothing loads it.
  fs.cpSync(path.join(production, 'app'), path.join(app, 'app'), { recursive: true });
  fs.cpSync(path.join(production, 'node_modules'), path.join(app, 'node_modules'), {
    recursive: true,
    verbatimSymlinks: true,
  });
}

async function pack(stage: string, app: string): Promise<string> {
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
      `-c.directories.output=${output}`,
    ],
    app,
  );
  return path.join(output, 'linux-unpacked');
}

describe.skipIf(process.platform !== 'linux')(
  'packaging smoke check (production install, electron-builder --dir --linux)',
  () => {
    let stage = '';
    let production = '';
    let appOutDir = '';
    let report: PackageReport;
    let check: AppCheck;

    beforeAll(async () => {
      stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-package-'));
      [production] = await Promise.all([productionInstall(ROOT), buildApp(path.join(stage, 'built'))]);
      writeStandInElectron(path.join(stage, 'electron-dist'));
      const app = path.join(stage, 'app');
      stageApp(app, path.join(stage, 'built'), production);
      appOutDir = await pack(stage, app);
      report = inspectResources(path.join(appOutDir, 'resources'));
      check = await checkAppOutDir(appOutDir);
    }, 600_000);

    afterAll(async () => {
      if (stage) await fs.promises.rm(stage, { recursive: true, force: true });
    }, 120_000);

    it('puts main, the control plane, the agent, the preload, the renderer and the contracts into app.asar', () => {
      for (const file of [
        'package.json',
        'out/main/main.js',
        'out/main/control-plane.js',
        'out/main/agent.js',
        'out/preload/preload.cjs',
        'renderer/dist/index.html',
      ])
        expect(report.files.has(file), file).toBe(true);
      // The contracts are bundled into main (their TypeScript sources are not shipped).
      expect(report.problems.filter((p) => p.includes('contracts'))).toEqual([]);
      expect([...report.files].some((f) => f.startsWith('node_modules/@ark-asa/'))).toBe(false);
    });

    it('ships better-sqlite3 with only this platform’s prebuilt binding, unpacked next to the asar', () => {
      const binding = sqliteBinding('linux');
      expect(fs.existsSync(path.join(appOutDir, 'resources/app.asar.unpacked', binding))).toBe(true);
      expect([...report.files].filter((f) => f.endsWith('.node'))).toEqual([binding]);
      expect([...report.files].some((f) => /^node_modules\/better-sqlite3\/(deps|src)\//.test(f))).toBe(false);
      expect(report.problems.filter((p) => p.includes('better-sqlite3'))).toEqual([]);
    });

    it('loads every runtime module inside the packed app, with all its dependencies, under plain Node', () => {
      expect(check.modules.problems).toEqual([]);
      expect(check.modules.loaded).toEqual(check.modules.specifiers);
      expect(check.modules.loaded).toEqual(
        expect.arrayContaining(['better-sqlite3', 'express', 'electron-updater', 'pino', 'ws', 'zod']),
      );
      // The whole production tree (express alone pulls in ~60 packages), not only top-level folders.
      expect(check.modules.packages).toBeGreaterThan(100);
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

    it('passes the same check CI runs on the Windows build (npm run check:package)', () => {
      expect(check.problems).toEqual([]);
    });

    it('fails, naming it, when a transitive dependency is missing from the install', async () => {
      const broken = path.join(stage, 'broken');
      const app = path.join(broken, 'app');
      fs.mkdirSync(broken);
      fs.cpSync(path.join(stage, 'electron-dist'), path.join(broken, 'electron-dist'), { recursive: true });
      stageApp(app, path.join(stage, 'built'), production);
      // express requires body-parser at load; pino-std-serializers is a dependency pino requires.
      for (const gone of ['body-parser', 'pino-std-serializers'])
        fs.rmSync(path.join(app, 'node_modules', gone), { recursive: true });
      const { problems } = await checkAppOutDir(await pack(broken, app));
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^express does not load: .*body-parser/),
          expect.stringMatching(/^body-parser \(required by express@[\d.]+\) is not in the package$/),
          expect.stringMatching(/^pino-std-serializers \(required by pino@[\d.]+\) is not in the package$/),
        ]),
      );
    }, 600_000);
  },
);
