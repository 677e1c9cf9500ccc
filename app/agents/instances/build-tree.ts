import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** Paths relative to a build root, with the platform's separator; parents come before children. */
export interface BuildTree {
  dirs: string[];
  files: string[];
  /** Symlinks, junctions and other non-regular entries, which are never linked into an instance. */
  skipped: string[];
}

/**
 * Whether a build path stays out of instances:
 * - `steamapps/` is SteamCMD's bookkeeping for the build (appmanifest, download state); an
 *   instance is not a Steam install, and a manifest there would make tools think it is one.
 * - `ShooterGame/Saved/` belongs to each instance (config, saves, logs). A build has none, but a
 *   linked one would be shared by every instance and by the build: one server's save would
 *   overwrite another's.
 * Compared case-insensitively because the server runs on Windows.
 */
export function isExcluded(rel: string): boolean {
  const p = rel.split(path.sep).join('/').toLowerCase();
  return under(p, 'steamapps') || under(p, 'shootergame/saved');
}

function under(p: string, dir: string): boolean {
  return p === dir || p.startsWith(`${dir}/`);
}

/** Lists a build's directories and regular files (excluded paths left out). Never follows links. */
export async function walkBuild(root: string): Promise<BuildTree> {
  const tree: BuildTree = { dirs: [], files: [], skipped: [] };
  await walkDir(root, '', tree);
  return tree;
}

async function walkDir(root: string, rel: string, tree: BuildTree): Promise<void> {
  const entries = await fsp.readdir(path.join(root, rel), { withFileTypes: true });
  for (const entry of entries) {
    const child = rel === '' ? entry.name : path.join(rel, entry.name);
    if (isExcluded(child)) continue;
    // Dirent types come from lstat semantics: a symlink or junction is neither a file nor a directory here.
    if (entry.isDirectory()) {
      tree.dirs.push(child);
      await walkDir(root, child, tree);
    } else if (entry.isFile()) {
      tree.files.push(child);
    } else {
      tree.skipped.push(child);
    }
  }
}
