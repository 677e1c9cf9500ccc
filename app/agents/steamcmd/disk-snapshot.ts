import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ASA_APP_ID } from '../../domain/steamcmd/app-id.ts';
import type { DiskSnapshot } from '../../domain/steamcmd/disk-progress.ts';
import { readManifestState, type ManifestState } from '../../domain/steamcmd/vdf.ts';

export function manifestPath(installDir: string, appId = ASA_APP_ID): string {
  return path.join(installDir, 'steamapps', `appmanifest_${appId}.acf`);
}

/** Where SteamCMD assembles the files of an update before it moves them into place. */
export function downloadingDir(installDir: string, appId = ASA_APP_ID): string {
  return path.join(installDir, 'steamapps', 'downloading', appId);
}

/** Total size of the files under `dir`, or null when it does not exist. Files that vanish while we look count 0. */
export async function folderBytes(dir: string): Promise<number | null> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return null;
  }
  let total = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    // SteamCMD moves files out of the folder while it commits: a missing file is not an error.
    const stats = await lstat(path.join(entry.parentPath, entry.name)).catch(() => null);
    total += stats?.size ?? 0;
  }
  return total;
}

/** The app manifest's state, or null when it is missing or unreadable. */
export async function readInstalledManifest(installDir: string, appId = ASA_APP_ID): Promise<ManifestState | null> {
  const text = await readFile(manifestPath(installDir, appId), 'utf8').catch(() => null);
  return text === null ? null : readManifestState(text);
}

/** The app manifest and the downloading folder of `installDir`, as SteamCMD left them right now. */
export async function readDiskSnapshot(installDir: string, appId = ASA_APP_ID): Promise<DiskSnapshot> {
  return {
    manifest: await readInstalledManifest(installDir, appId),
    downloadingBytes: await folderBytes(downloadingDir(installDir, appId)),
  };
}
