/**
 * Proves, inside a packaged app, that every module its bundles import at runtime resolves and
 * loads: app.asar is extracted (with the files of app.asar.unpacked in place, as Electron's asar
 * support presents them) into a temporary folder, and load-runtime-modules.mjs runs there under
 * plain Node, next to the bundles. Listing top-level folders is not enough: a package can be
 * present while one of its own dependencies is not (express without body-parser, pino without
 * pino-std-serializers), and then the app dies at its first require.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as asar from '@electron/asar';

const run = promisify(execFile);
const LOADER = path.join(import.meta.dirname, 'load-runtime-modules.mjs');
/** The bundles electron-vite writes (main, the control plane, shared chunks). */
const BUNDLE = /\.(c|m)?js$/;

export interface RuntimeModulesReport {
  /** Bare specifiers the bundles import (subpaths kept: `pino/file` is not `pino`). */
  specifiers: string[];
  loaded: string[];
  /** Packages reached through `dependencies` from those specifiers. */
  packages: number;
  problems: string[];
}

/** Bare module specifiers a bundle imports (import, dynamic import, require), without Node built-ins and electron. */
export function bareSpecifiers(code: string): string[] {
  // A specifier has no spaces, parentheses or commas: minified text such as `…from").max(1e3, "` is not one.
  const specs = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'\s(),;]+)["']/g)].map(
    (m) => m[1]!,
  );
  const bare = specs.filter(
    (s) =>
      !s.startsWith('.') &&
      !s.startsWith('/') &&
      !s.startsWith('node:') &&
      !builtinModules.includes(s.split('/')[0]!) &&
      // Electron's own module exists only inside Electron; the shell is what imports it.
      s !== 'electron' &&
      !s.startsWith('electron/'),
  );
  return [...new Set(bare)].sort();
}

function bundlesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => BUNDLE.test(f))
    .map((f) => path.join(dir, f));
}

/** Specifiers of every bundle in `<appRoot>/out/main`. */
export function bundleSpecifiers(appRoot: string): string[] {
  const all = bundlesIn(path.join(appRoot, 'out', 'main')).flatMap((f) => bareSpecifiers(fs.readFileSync(f, 'utf8')));
  return [...new Set(all)].sort();
}

async function runLoader(appRoot: string, specifiers: string[], node: string): Promise<RuntimeModulesReport> {
  const script = path.join(appRoot, 'out', 'main', '.load-runtime-modules.mjs');
  fs.copyFileSync(LOADER, script);
  // No NODE_PATH or NODE_OPTIONS: nothing from outside the package may help resolution.
  const env: NodeJS.ProcessEnv = { ...process.env, ARK_APP_ROOT: appRoot };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  try {
    const { stdout } = await run(node, [script, JSON.stringify(specifiers)], {
      cwd: appRoot,
      env,
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const last = stdout.trim().split('\n').at(-1) ?? '{}';
    const result = JSON.parse(last) as Omit<RuntimeModulesReport, 'specifiers'>;
    return { specifiers, ...result };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const detail = (e.stderr ?? '').trim().split('\n').slice(-5).join(' | ');
    return {
      specifiers,
      loaded: [],
      packages: 0,
      problems: [`the module check could not run: ${e.message} ${detail}`],
    };
  }
}

/**
 * Extracts `<resourcesDir>/app.asar` and loads every runtime module in it with `node` (this
 * process's Node by default: Node 24, whose N-API loads the same prebuilt binding Electron does).
 */
export async function checkRuntimeModules(
  resourcesDir: string,
  node: string = process.execPath,
): Promise<RuntimeModulesReport> {
  const archive = path.join(resourcesDir, 'app.asar');
  if (!fs.existsSync(archive))
    return { specifiers: [], loaded: [], packages: 0, problems: [`${archive} does not exist`] };
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-app-modules-'));
  try {
    const appRoot = path.join(temp, 'app');
    asar.extractAll(archive, appRoot);
    const specifiers = bundleSpecifiers(appRoot);
    if (specifiers.length === 0)
      return { specifiers, loaded: [], packages: 0, problems: ['no bundle in out/main imports any package'] };
    return await runLoader(appRoot, specifiers, node);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
