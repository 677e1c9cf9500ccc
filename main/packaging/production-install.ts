/**
 * A real production install of the app's dependencies, as a user's build gets them: package.json
 * and package-lock.json copied into a folder and `npm ci --omit=dev` run there (install scripts
 * on). The packaging smoke test packs from it instead of the repository's node_modules, whose dev
 * tree hides a missing runtime dependency. Cached under node_modules/.cache, keyed by the
 * production part of the lock file (productionInstallKey): a second run costs a copy.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The npm workspace the lock file names; bundled into main, so only its manifest is needed for `npm ci`. */
const WORKSPACE = path.join('app', 'contracts');
const DONE = '.install-complete';

interface LockFile {
  packages: Record<string, { dev?: boolean; version?: string; resolved?: string; integrity?: string }>;
}

/**
 * What decides the production install: the runtime dependencies and the lock file's non-dev
 * entries (a new dev tool changes package-lock.json but not this), Node's major version and the
 * platform (install scripts and platform-specific optional packages).
 */
export function productionInstallKey(root: string): string {
  const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  const pkg = read('package.json') as { dependencies?: unknown; workspaces?: unknown };
  const lock = read('package-lock.json') as LockFile;
  const production = Object.entries(lock.packages).filter(([, entry]) => !entry.dev);
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify([pkg.dependencies, pkg.workspaces, production, read(path.join(WORKSPACE, 'package.json'))]),
  );
  hash.update(`${process.versions.node.split('.')[0]}-${process.platform}-${process.arch}`);
  return hash.digest('hex').slice(0, 16);
}

function npmCli(): string {
  // npm's own entry, run by this Node: no shell, and on Windows no npm.cmd.
  const beside = path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js');
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && /npm-cli\.js$/.test(fromEnv)) return fromEnv;
  return beside;
}

async function install(dir: string): Promise<void> {
  const npm = npmCli();
  const args = ['ci', '--omit=dev', '--ignore-scripts=false', '--no-audit', '--no-fund', '--loglevel=error'];
  try {
    if (fs.existsSync(npm)) await run(process.execPath, [npm, ...args], { cwd: dir, timeout: 540_000 });
    else await run('npm', args, { cwd: dir, timeout: 540_000, shell: process.platform === 'win32' });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`npm ci --omit=dev failed in ${dir}: ${e.message}\n${(e.stderr ?? '').slice(-3000)}`, {
      cause: err,
    });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Half-done installs of processes that are gone (a test run cut short). */
function removeAbandoned(cache: string): void {
  if (!fs.existsSync(cache)) return;
  for (const name of fs.readdirSync(cache)) {
    const pid = Number(/\.tmp-(\d+)$/.exec(name)?.[1] ?? 0);
    if (pid && (pid === process.pid || !alive(pid)))
      fs.rmSync(path.join(cache, name), { recursive: true, force: true });
  }
}

/**
 * The folder holding package.json, package-lock.json, the workspace manifest and a production
 * node_modules for the repository at `root`; installed once per key, then reused.
 */
export async function productionInstall(root: string): Promise<string> {
  const cache = path.join(root, 'node_modules', '.cache', 'ark-production-install');
  const dir = path.join(cache, productionInstallKey(root));
  if (fs.existsSync(path.join(dir, DONE))) return dir;
  // Installed beside the final folder and renamed at the end: an interrupted install is never reused.
  const temp = `${dir}.tmp-${process.pid}`;
  removeAbandoned(cache);
  fs.mkdirSync(path.join(temp, WORKSPACE), { recursive: true });
  for (const file of ['package.json', 'package-lock.json', path.join(WORKSPACE, 'package.json')])
    fs.copyFileSync(path.join(root, file), path.join(temp, file));
  await install(temp);
  fs.writeFileSync(path.join(temp, DONE), new Date().toISOString());
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(temp, dir);
  for (const old of fs.readdirSync(cache)) {
    if (old !== path.basename(dir) && !old.includes('.tmp-'))
      fs.rmSync(path.join(cache, old), { recursive: true, force: true });
  }
  return dir;
}
