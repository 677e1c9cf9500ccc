import { AppStateFlag, describeStateFlags } from './app-state.ts';
import type { ManifestState } from './vdf.ts';

/** Files that every complete ASA server install has, relative to the install folder. */
export const ASA_EXPECTED_FILES: readonly string[] = ['ShooterGame/Binaries/Win64/ArkAscendedServer.exe'];

export type InstallVerdict =
  { complete: true; manifest: ManifestState & { buildId: string } } | { complete: false; why: string };

/**
 * Whether the install on disk is complete, whatever SteamCMD printed: the manifest names a build,
 * its StateFlags is exactly 4 (fully installed) with equal byte counters, and the expected files
 * exist. On Windows the `Success!` line can be lost in the pipe's buffer (docs/steamcmd.md), so
 * this, not the line, is what says that an install finished.
 *
 * `why` is a clause a message can embed ("SteamCMD reported success, but <why>").
 */
export function judgeInstall(manifest: ManifestState | null, missingFiles: readonly string[]): InstallVerdict {
  const incomplete = (detail: string): InstallVerdict => ({
    complete: false,
    why: `the app manifest does not show a complete install (${detail})`,
  });
  if (!manifest) return { complete: false, why: 'the app manifest is missing or unreadable' };
  if (manifest.stateFlags !== AppStateFlag.FullyInstalled) {
    return incomplete(`StateFlags ${describeStateFlags(manifest.stateFlags)}`);
  }
  if (!manifest.fullyInstalled) {
    const n = (v: number | null) => (v === null ? '?' : String(v));
    return incomplete(
      `downloaded ${n(manifest.bytesDownloaded)} of ${n(manifest.bytesToDownload)} bytes, staged ${n(manifest.bytesStaged)} of ${n(manifest.bytesToStage)}`,
    );
  }
  const buildId = manifest.buildId;
  if (!buildId) return { complete: false, why: 'the app manifest has no build id' };
  if (missingFiles.length > 0) {
    return {
      complete: false,
      why: `${missingFiles.join(', ')} ${missingFiles.length === 1 ? 'is' : 'are'} missing although the app manifest says build ${buildId} is installed`,
    };
  }
  return { complete: true, manifest: { ...manifest, buildId } };
}
