import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { StagedFile } from '../backups/save-files.ts';
import { writeZip } from '../backups/zip-writer.ts';

/** `<dataRoot>/backups/clusters/<clusterId>`: beside the instances' backups, outside every instance. */
export function clusterBackupDir(dataRoot: string, clusterId: string): string {
  return path.join(dataRoot, 'backups', 'clusters', clusterId);
}

async function listFiles(root: string, dir = root): Promise<StagedFile[]> {
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const files: StagedFile[] = [];
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, abs)));
    else if (entry.isFile()) {
      const stat = await fsp.stat(abs);
      const name = path.relative(root, abs).split(path.sep).join('/');
      files.push({ entry: name, abs, staged: abs, sizeBytes: stat.size, mtime: stat.mtime });
    }
  }
  return files;
}

/**
 * Zips a cluster's transfer folder (uploaded survivors, items and dinos: small files the servers
 * write only when a player uploads). The zip is written beside its final name and renamed into
 * place, so a listed backup is always complete. An empty folder gives a valid, empty zip.
 */
export async function backupClusterDir(
  clusterDir: string,
  targetDir: string,
  stamp: string,
): Promise<{ file: string; sizeBytes: number }> {
  await fsp.mkdir(targetDir, { recursive: true });
  const file = path.join(targetDir, `cluster-${stamp.replace(/[:.]/g, '-')}.zip`);
  const partial = `${file}.partial`;
  const files = await listFiles(clusterDir);
  await writeZip(partial, { files, extras: [] }, () => undefined, new AbortController().signal);
  await fsp.rename(partial, file);
  return { file, sizeBytes: (await fsp.stat(file)).size };
}
