// steamapps/appmanifest_2430930.acf (asa-facts §1.8): what managers read to learn the installed build.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomicSync } from '../shared/json-file.ts';
import { APP_ID, APP_NAME, DEFAULT_INSTALLDIR, DEPOT_ID } from './constants.ts';
import { findVdfValue, formatVdf } from './vdf.ts';
import type { VdfNode } from './vdf.ts';

export interface InstalledManifest {
  buildId: string;
  stateFlags: string;
  betaKey: string | null;
}

export function manifestPath(installDir: string): string {
  return path.join(installDir, 'steamapps', `appmanifest_${APP_ID}.acf`);
}

/** Depot manifest gid for a build: a stable 19-digit number, like Steam's 64-bit manifest ids. */
export function manifestGid(buildId: string): string {
  const hex = createHash('sha256').update(`manifest-${buildId}`).digest('hex').slice(0, 15);
  return (BigInt(`0x${hex}`) + 1_000_000_000_000_000_000n).toString();
}

export async function readManifest(installDir: string): Promise<InstalledManifest | null> {
  let text: string;
  try {
    text = await readFile(manifestPath(installDir), 'utf8');
  } catch {
    return null;
  }
  const buildId = findVdfValue(text, 'buildid');
  if (buildId === null) return null;
  return { buildId, stateFlags: findVdfValue(text, 'StateFlags') ?? '', betaKey: findVdfValue(text, 'BetaKey') };
}

export interface ManifestInfo {
  buildId: string;
  bytes: number;
  betaKey: string | null;
}

/** Writes the manifest of a completed install: StateFlags 4 and equal Bytes* counters (§1.8, §1.7 LinuxGSM check). */
export async function writeManifest(installDir: string, info: ManifestInfo): Promise<void> {
  const size = String(info.bytes);
  const userConfig: VdfNode = info.betaKey ? { BetaKey: info.betaKey } : {};
  const root: VdfNode = {
    appid: APP_ID,
    universe: '1',
    name: APP_NAME,
    StateFlags: '4',
    installdir: DEFAULT_INSTALLDIR,
    LastUpdated: String(Math.floor(Date.now() / 1000)),
    SizeOnDisk: size,
    StagingSize: '0',
    buildid: info.buildId,
    LastOwner: '0',
    UpdateResult: '0',
    BytesToDownload: size,
    BytesDownloaded: size,
    BytesToStage: size,
    BytesStaged: size,
    TargetBuildID: info.buildId,
    AutoUpdateBehavior: '0',
    AllowOtherDownloadsWhileRunning: '0',
    ScheduledAutoUpdate: '0',
    InstalledDepots: { [DEPOT_ID]: { manifest: manifestGid(info.buildId), size } },
    UserConfig: userConfig,
    MountedConfig: { ...userConfig },
  };
  await mkdir(path.dirname(manifestPath(installDir)), { recursive: true });
  writeFileAtomicSync(manifestPath(installDir), formatVdf('AppState', root));
}
