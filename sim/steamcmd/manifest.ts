// steamapps/appmanifest_2430930.acf (docs/ark-facts.md#appmanifest): what managers read to learn the installed build.
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

/** An update under way: what the real tool keeps in the manifest while it downloads (docs/ark-facts.md#appmanifest). */
export interface ManifestProgress {
  /** The build still installed (null on a fresh install, written as buildid "0"). */
  installedBuildId: string | null;
  /** Bytes downloaded (and staged) so far. */
  downloaded: number;
}

/**
 * Writes the manifest. Without `progress`: a completed install, StateFlags 4 and equal Bytes*
 * counters (the check LinuxGSM makes, docs/steamcmd.md#judging-success). With it: StateFlags 1026 (UpdateStarted | UpdateRequired),
 * the installed build in `buildid`, the target in `TargetBuildID`, and the byte counters so far.
 */
export async function writeManifest(
  installDir: string,
  info: ManifestInfo,
  progress?: ManifestProgress,
): Promise<void> {
  const size = String(info.bytes);
  const done = progress ? String(progress.downloaded) : size;
  const installed = progress ? progress.installedBuildId : info.buildId;
  const userConfig: VdfNode = info.betaKey ? { BetaKey: info.betaKey } : {};
  const root: VdfNode = {
    appid: APP_ID,
    universe: '1',
    name: APP_NAME,
    StateFlags: progress ? '1026' : '4',
    installdir: DEFAULT_INSTALLDIR,
    LastUpdated: String(Math.floor(Date.now() / 1000)),
    SizeOnDisk: size,
    StagingSize: '0',
    buildid: installed ?? '0',
    LastOwner: '0',
    UpdateResult: '0',
    BytesToDownload: size,
    BytesDownloaded: done,
    BytesToStage: size,
    BytesStaged: done,
    TargetBuildID: info.buildId,
    AutoUpdateBehavior: '0',
    AllowOtherDownloadsWhileRunning: '0',
    ScheduledAutoUpdate: '0',
    InstalledDepots: installed ? { [DEPOT_ID]: { manifest: manifestGid(installed), size } } : {},
    UserConfig: userConfig,
    MountedConfig: { ...userConfig },
  };
  await mkdir(path.dirname(manifestPath(installDir)), { recursive: true });
  writeFileAtomicSync(manifestPath(installDir), formatVdf('AppState', root));
}
