/**
 * Bits of `StateFlags` in `steamapps/appmanifest_<appid>.acf` (Steam's EAppState; the values are
 * listed in docs/steamcmd.md with their public sources). A finished install says exactly 4; a
 * download under way says 1026 (UpdateStarted | UpdateRequired), an installed app with an update
 * pending 6.
 */
export const AppStateFlag = {
  UpdateRequired: 0x2,
  FullyInstalled: 0x4,
  FilesMissing: 0x20,
  FilesCorrupt: 0x80,
  UpdateRunning: 0x100,
  UpdatePaused: 0x200,
  UpdateStarted: 0x400,
} as const;

const UPDATE_UNDER_WAY = AppStateFlag.UpdateRequired | AppStateFlag.UpdateRunning | AppStateFlag.UpdateStarted;

/** The manifest says an update was required or started and is not finished. */
export function updateUnderWay(stateFlags: number | null): boolean {
  return stateFlags !== null && (stateFlags & UPDATE_UNDER_WAY) !== 0;
}

const NAMES: ReadonlyArray<readonly [number, string]> = [
  [AppStateFlag.FullyInstalled, 'fully installed'],
  [AppStateFlag.UpdateRequired, 'update required'],
  [AppStateFlag.UpdateStarted, 'update started'],
  [AppStateFlag.UpdateRunning, 'update running'],
  [AppStateFlag.UpdatePaused, 'update paused'],
  [AppStateFlag.FilesMissing, 'files missing'],
  [AppStateFlag.FilesCorrupt, 'files corrupt'],
];

/** `1026 (update required, update started)`, for messages a user may paste into a bug report. */
export function describeStateFlags(stateFlags: number | null): string {
  if (stateFlags === null) return 'missing';
  const names = NAMES.filter(([bit]) => (stateFlags & bit) !== 0).map(([, name]) => name);
  return names.length > 0 ? `${stateFlags} (${names.join(', ')})` : String(stateFlags);
}
