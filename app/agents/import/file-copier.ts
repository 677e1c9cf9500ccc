import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { syncDir, syncFile } from '../durable-fs.ts';

export interface CopyItem {
  from: string;
  to: string;
}

export interface CopyTotals {
  files: number;
  bytes: number;
}

const TMP_SUFFIX = '.import-tmp';

/**
 * Copies each file (never moves: the source is only read), durably: into a temporary name beside
 * the target, flushed, then renamed over it, so a crash leaves the old file or the whole new one.
 * A rename also replaces a hard link to the build cache instead of writing through it.
 */
export async function copyFiles(
  items: readonly CopyItem[],
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
): Promise<CopyTotals> {
  const sizes = await Promise.all(items.map(async (i) => (await fsp.stat(i.from)).size));
  const total = sizes.reduce((a, b) => a + b, 0);
  const dirs = new Set<string>();
  let bytes = 0;
  for (const [n, item] of items.entries()) {
    signal.throwIfAborted();
    await fsp.mkdir(path.dirname(item.to), { recursive: true });
    const tmp = `${item.to}${TMP_SUFFIX}`;
    await fsp.copyFile(item.from, tmp);
    await syncFile(tmp);
    await fsp.rename(tmp, item.to);
    dirs.add(path.dirname(item.to));
    bytes += sizes[n]!;
    progress(bytes, total);
  }
  for (const dir of dirs) await syncDir(dir);
  return { files: items.length, bytes };
}

/** Every regular file under `dir`, relative paths; links are not followed into other trees. */
export async function listTree(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await fsp.readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const child = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...(await listTree(dir, child)));
    else if (e.isFile()) out.push(child);
  }
  return out;
}
