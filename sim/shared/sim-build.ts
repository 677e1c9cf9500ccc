// Builds the simulator executable: a Node single executable application (SEA) holding both
// simulators, so steamcmd and ArkAscendedServer.exe are real executables on every platform (an ELF
// on Linux, a PE .exe on Windows, a Mach-O on macOS), with no shell script or tsx in between.
// Steps from https://nodejs.org/api/single-executable-applications.html: bundle the entry into one
// CommonJS script (esbuild), make the blob (node --experimental-sea-config), copy this node binary
// and inject the blob into the copy (postject).
//
// Built once per source/node/platform combination into node_modules/.cache/ark-asa-sim/<key>/.
// Builders may run concurrently (vitest's forks, the demo): each one builds in a private temp dir
// and renames it into place; the first rename wins, later ones find the result and drop theirs.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { build, version as esbuildVersion } from 'esbuild';
import type { Plugin } from 'esbuild';
import { executableName } from './sim-executable.ts';

/** Repository root, derived from this file's location (never hard-coded). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const SIM_DIR = path.join(REPO_ROOT, 'sim');
const ENTRY = path.join(import.meta.dirname, 'sim-entry.ts');
export const SIM_CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'ark-asa-sim');
const BINARY = executableName('ark-asa-sim');
/** The fuse Node looks for to know a blob was injected (from the SEA documentation). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** Old cache entries and abandoned build dirs are removed once they are this old. */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

const run = promisify(execFile);

type Inject = (
  file: string,
  resource: string,
  data: Buffer,
  options: { sentinelFuse: string; machoSegmentName?: string },
) => Promise<void>;
// postject ships CommonJS without type declarations.
const { inject } = createRequire(import.meta.url)('postject') as { inject: Inject };

/** Every non-test source under sim/ (a superset of what the bundle holds), sorted. */
async function sourceFiles(): Promise<string[]> {
  const entries = await readdir(SIM_DIR, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.relative(SIM_DIR, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((rel) => !rel.startsWith('test-support/'))
    .sort();
}

/** Names the build: the sources, the node binary it is made from, the platform and the tools. */
export async function simBuildKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${process.version} ${process.platform} ${process.arch} esbuild ${esbuildVersion}\n`);
  for (const rel of await sourceFiles()) {
    hash
      .update(`${rel}\n`)
      .update(await readFile(path.join(SIM_DIR, rel)))
      .update('\n');
  }
  return hash.digest('hex').slice(0, 16);
}

/** sim-build.ts (this file) must stay out of the bundle: the executable never builds itself. */
const keepBuilderOut: Plugin = {
  name: 'keep-sim-build-out',
  setup(b) {
    b.onResolve({ filter: /sim-build\.ts$/ }, (args) => ({ path: args.path, external: true }));
  },
};

async function bundle(outfile: string): Promise<void> {
  const result = await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    plugins: [keepBuilderOut],
    logLevel: 'silent',
  });
  // A warning here (import.meta in CommonJS, say) would be a simulator that fails at run time.
  if (result.warnings.length > 0) {
    throw new Error(`bundling the simulators: ${result.warnings.map((w) => w.text).join('; ')}`);
  }
}

/** macOS refuses a binary whose signature no longer matches; Linux binaries are unsigned. */
async function codesign(file: string, args: string[]): Promise<void> {
  if (process.platform === 'darwin') await run('codesign', [...args, file]);
}

/** postject's LIEF warns about every ELF note section of node's binary; the result is fine. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!/^warning: Can't find string offset for section name/.test(String(args[0]))) warn(...args);
  };
  try {
    return await work();
  } finally {
    console.warn = warn;
  }
}

/** Builds the executable into `dir`. */
async function buildInto(dir: string): Promise<void> {
  const main = path.join(dir, 'sim.cjs');
  const blob = path.join(dir, 'sim.blob');
  const config = path.join(dir, 'sea-config.json');
  await bundle(main);
  const seaConfig = {
    main,
    output: blob,
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
    // A real steamcmd or server ignores NODE_OPTIONS; so does the simulator.
    execArgvExtension: 'none',
  };
  await writeFile(config, `${JSON.stringify(seaConfig, null, 2)}\n`);
  await run(process.execPath, ['--experimental-sea-config', config], { cwd: dir });
  const exe = path.join(dir, BINARY);
  await copyFile(process.execPath, exe);
  // Windows: node.exe is signed and the injection invalidates the signature. Removing it first
  // (`signtool remove /s`) is optional: an unsigned or badly signed .exe still runs.
  await codesign(exe, ['--remove-signature']);
  const data = await readFile(blob);
  await quietly(() =>
    inject(exe, 'NODE_SEA_BLOB', data, {
      sentinelFuse: SEA_FUSE,
      ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
    }),
  );
  await codesign(exe, ['--sign', '-']);
  await chmod(exe, 0o755);
  await rm(blob);
  await smokeTest(exe);
}

/**
 * Runs the result under its own name, where it must refuse to play either program (exit 2). A node
 * built without SEA support ignores the blob and would act as plain `node` instead.
 */
async function smokeTest(exe: string): Promise<void> {
  const outcome = await run(exe, [], { timeout: 30_000 }).then(
    () => ({ code: 0, stderr: '' }),
    (err: { code?: number; stderr?: string }) => ({ code: err.code, stderr: err.stderr ?? '' }),
  );
  if (outcome.code !== 2 || !outcome.stderr.includes('must be named')) {
    throw new Error(
      `the simulator executable built from ${process.execPath} does not run its bundle (exit ${String(outcome.code)}): ` +
        'this node may lack single executable application support',
    );
  }
}

/** Windows may refuse a rename for a moment while an antivirus scans the fresh .exe. */
async function renameRetrying(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await rename(from, to);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !['EPERM', 'EACCES', 'EBUSY'].includes(code) || attempt >= 8) throw err;
      if (existsSync(to)) throw err; // another builder won: nothing to wait for
      await sleep(50 * 2 ** attempt);
    }
  }
}

/** Removes other cache entries and abandoned build dirs once they are old (links made from them live on). */
async function pruneCache(keep: string): Promise<void> {
  for (const name of await readdir(SIM_CACHE_DIR).catch(() => [])) {
    if (name === keep) continue;
    const dir = path.join(SIM_CACHE_DIR, name);
    const age = Date.now() - ((await stat(dir).catch(() => null))?.mtimeMs ?? Date.now());
    if (age > PRUNE_AFTER_MS) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function buildCached(key: string): Promise<string> {
  const finalDir = path.join(SIM_CACHE_DIR, key);
  const finalExe = path.join(finalDir, BINARY);
  if (existsSync(finalExe)) return finalExe;
  await mkdir(SIM_CACHE_DIR, { recursive: true });
  const tmp = await mkdtemp(path.join(SIM_CACHE_DIR, `.build-${key}-`));
  try {
    await buildInto(tmp);
    await chmod(tmp, 0o755); // mkdtemp made it private
    await renameRetrying(tmp, finalDir);
  } catch (err) {
    if (!existsSync(finalExe)) throw err; // a concurrent builder's rename came first: use its result
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  await pruneCache(key);
  return finalExe;
}

let pending: Promise<string> | null = null;

/** The path of the simulator executable, built first if this source tree has none yet. */
export function ensureSimBinary(): Promise<string> {
  pending ??= simBuildKey().then(buildCached);
  // A failed build is not remembered: the next caller tries again.
  pending.catch(() => (pending = null));
  return pending;
}

/**
 * A copy of `cached` under `dir` (for volumes the cache cannot hard-link to), made once: copied
 * under a private name, then renamed, so concurrent callers never see half a file.
 */
export async function ensureSpareCopy(cached: string, dir: string): Promise<string> {
  const spare = path.join(dir, 'ark-asa-sim', path.basename(path.dirname(cached)), BINARY);
  if (existsSync(spare)) return spare;
  await mkdir(path.dirname(spare), { recursive: true });
  const partial = `${spare}.${process.pid}.partial`;
  await copyFile(cached, partial);
  await chmod(partial, 0o755);
  try {
    await renameRetrying(partial, spare);
  } catch (err) {
    await rm(partial, { force: true });
    if (!existsSync(spare)) throw err;
  }
  return spare;
}
