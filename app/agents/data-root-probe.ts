// Looks at the drive a data root is (or would be) on before anything is installed there: path
// length (pure, app/domain/path-risk.ts), the file system type from /proc/mounts on Linux, and a
// hard link tried for real, which is the only test that works for every file system and OS.
import { randomBytes } from 'node:crypto';
import { link, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  classifyFsType,
  fileSystemWarning,
  isUncPath,
  longestServerPath,
  maxDataRootChars,
  mountOf,
  parseMounts,
  pathLengthWarning,
  type PathWarning,
} from '../domain/path-risk.ts';

export interface DataRootCheckResult {
  dataRoot: string;
  longestPathChars: number;
  maxDataRootChars: number;
  warnings: PathWarning[];
}

export interface DataRootProbeOptions {
  platform?: NodeJS.Platform;
  procMounts?: string;
}

/** The data root itself or, before it is created, the closest folder above it that exists (same drive). */
async function nearestExisting(p: string): Promise<string | null> {
  for (let at = path.resolve(p); ; at = path.dirname(at)) {
    const isDir = await stat(at).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (isDir) return at;
    if (path.dirname(at) === at) return null;
  }
}

/** Error codes of a refused hard link that mean the file system cannot hold one. */
const NO_LINK_CODES = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/** Creates a file and a hard link to it, then removes both: null when it worked, the error code when not, 'skipped' when the folder is not writable. */
export async function probeHardLink(dir: string): Promise<string | null> {
  const base = path.join(dir, `.ark-link-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(base, '');
  } catch {
    return 'skipped';
  }
  try {
    await link(base, `${base}.link`);
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  } finally {
    await rm(`${base}.link`, { force: true });
    await rm(base, { force: true });
  }
}

async function linuxFsWarning(dataRoot: string, existing: string, procMounts: string): Promise<PathWarning | null> {
  const text = await readFile(procMounts, 'utf8').catch(() => null);
  if (text === null) return null;
  const mount = mountOf(parseMounts(text), await realpath(existing).catch(() => existing));
  return mount
    ? fileSystemWarning(dataRoot, classifyFsType(mount.fsType), `${mount.fsType} (${mount.mountPoint})`)
    : null;
}

/** What is wrong with putting server files under `dataRoot`, worded for the user; no warnings: fine. */
export async function checkDataRootPaths(
  dataRoot: string,
  opts: DataRootProbeOptions = {},
): Promise<DataRootCheckResult> {
  const platform = opts.platform ?? process.platform;
  const warnings: PathWarning[] = [];
  const add = (w: PathWarning | null) => {
    if (w && !warnings.some((x) => x.code === w.code)) warnings.push(w);
  };
  add(pathLengthWarning(dataRoot, platform));
  if (isUncPath(dataRoot)) add(fileSystemWarning(dataRoot, 'network', 'a network share'));
  // A Windows path asked about on Linux (or the reverse) names no folder here: only its length is judged.
  const local = platform === 'win32' ? /^([A-Za-z]:[\\/]|\\\\)/.test(dataRoot) : dataRoot.startsWith('/');
  const existing = local && platform === process.platform ? await nearestExisting(dataRoot) : null;
  if (existing !== null) {
    if (platform === 'linux') add(await linuxFsWarning(dataRoot, existing, opts.procMounts ?? '/proc/mounts'));
    const refused = await probeHardLink(existing);
    if (refused !== null && NO_LINK_CODES.has(refused)) {
      add(fileSystemWarning(dataRoot, 'no-hard-links', `a drive that refused a test hard link (${refused})`));
    }
  }
  return { dataRoot, longestPathChars: longestServerPath(dataRoot), maxDataRootChars: maxDataRootChars(), warnings };
}
