import { updateUnderWay } from './app-state.ts';
import type { SteamcmdProgressEvent } from './steamcmd-events.ts';
import type { ManifestState } from './vdf.ts';

/**
 * What SteamCMD has written to disk at one moment: the app manifest and the size of
 * `steamapps/downloading/<appid>`. On Windows SteamCMD's redirected stdout is block-buffered
 * (docs/steamcmd.md), so for minutes these may be the only signs of life.
 */
export interface DiskSnapshot {
  /** null when the manifest is missing or unreadable (e.g. caught mid-write). */
  manifest: ManifestState | null;
  /** Bytes of the files under the downloading folder; null when the folder does not exist. */
  downloadingBytes: number | null;
}

/**
 * Changes whenever SteamCMD wrote something we can see: a new byte counter or state in the
 * manifest, or the downloading folder growing (or shrinking, as files are moved into place).
 */
export function diskFingerprint(s: DiskSnapshot): string {
  const m = s.manifest;
  const manifest = m ? [m.stateFlags, m.buildId, m.bytesDownloaded, m.bytesStaged, m.bytesToDownload] : [];
  return JSON.stringify([...manifest, s.downloadingBytes]);
}

function ratio(done: number, total: number): number {
  return Math.min(100, Math.max(0, (done / total) * 100));
}

/**
 * The download progress the disk shows, as the `downloading` progress line SteamCMD would have
 * printed, or null when the disk says nothing about a download under way. The manifest's own
 * counters win; the folder's size is the fallback while they are still 0, measured against the
 * bytes to stage (the folder holds unpacked files, not the compressed download). A manifest that
 * says "fully installed" is ignored: an update starts from a copy of the previous build, whose
 * finished manifest would read as 100 % before SteamCMD has rewritten it.
 */
export function diskDownloadProgress(s: DiskSnapshot): SteamcmdProgressEvent | null {
  const m = s.manifest;
  if (!m || !updateUnderWay(m.stateFlags)) return null;
  const toDownload = m.bytesToDownload ?? 0;
  if (toDownload > 0 && (m.bytesDownloaded ?? 0) > 0) {
    return downloading(m.bytesDownloaded ?? 0, toDownload);
  }
  const toStage = m.bytesToStage || toDownload;
  if (toStage > 0 && (s.downloadingBytes ?? 0) > 0) {
    return downloading(Math.min(s.downloadingBytes ?? 0, toStage), toStage);
  }
  return null;
}

function downloading(done: number, total: number): SteamcmdProgressEvent {
  const percent = Math.round(ratio(done, total) * 100) / 100;
  return {
    kind: 'progress',
    stateCode: '0x61',
    stateLabel: 'downloading',
    percent,
    bytesDone: done,
    bytesTotal: total,
  };
}

/** `1.2 GB`, `640 KB`: sizes for progress messages (decimal units, as Steam shows them). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "Downloading… 45% (4.2 GB of 9.4 GB)": the progress read from disk, with the sizes it is based on. */
export function describeDiskProgress(p: SteamcmdProgressEvent): string {
  return `Downloading… ${Math.floor(p.percent)}% (${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)})`;
}
