import { ASA_APP_ID } from './app-id.ts';
import { parseVdf, parseVdfEntryAt, vdfGet, vdfString, type VdfObject, type VdfValue } from './vdf-parser.ts';

export * from './vdf-parser.ts';
export { ASA_APP_ID } from './app-id.ts';

export interface InstalledDepot {
  depotId: string;
  /** Manifest gid: a 64-bit number, kept as text. */
  manifest: string | null;
  size: number | null;
}

/** What `steamapps/appmanifest_2430930.acf` says about an install (docs/ark-facts.md#appmanifest). */
export interface ManifestState {
  appId: string | null;
  name: string | null;
  installDir: string | null;
  buildId: string | null;
  /** EAppState bits: 4 fully installed, 2 update required, 0x400 update started. */
  stateFlags: number | null;
  /** Unix seconds. */
  lastUpdated: number | null;
  bytesToDownload: number | null;
  bytesDownloaded: number | null;
  bytesToStage: number | null;
  bytesStaged: number | null;
  installedDepots: InstalledDepot[];
  /** StateFlags exactly 4 and every Bytes* pair equal (LinuxGSM's check for a finished download). */
  fullyInstalled: boolean;
}

function numberAt(root: VdfValue | undefined, key: string): number | null {
  const text = vdfString(root, key);
  if (text === null || !/^\d+$/.test(text.trim())) return null;
  return Number(text);
}

function buildIdOf(text: string | null): string | null {
  return text !== null && /^\d+$/.test(text) && text !== '0' ? text : null;
}

function appState(acfText: string): VdfObject | null {
  try {
    const state = vdfGet(parseVdf(acfText), 'AppState');
    return state !== undefined && typeof state !== 'string' ? state : null;
  } catch {
    // A manifest cut short by a crash mid-write says nothing reliable about the install.
    return null;
  }
}

function depotsOf(state: VdfObject): InstalledDepot[] {
  const depots = vdfGet(state, 'InstalledDepots');
  if (depots === undefined || typeof depots === 'string') return [];
  return Object.entries(depots).map(([depotId, depot]) => ({
    depotId,
    manifest: vdfString(depot, 'manifest'),
    size: numberAt(depot, 'size'),
  }));
}

/** The manifest's state, or null when the text is not a readable AppState manifest. */
export function readManifestState(acfText: string): ManifestState | null {
  const state = appState(acfText);
  if (!state) return null;
  const result = {
    appId: vdfString(state, 'appid'),
    name: vdfString(state, 'name'),
    installDir: vdfString(state, 'installdir'),
    buildId: buildIdOf(vdfString(state, 'buildid')),
    stateFlags: numberAt(state, 'StateFlags'),
    lastUpdated: numberAt(state, 'LastUpdated'),
    bytesToDownload: numberAt(state, 'BytesToDownload'),
    bytesDownloaded: numberAt(state, 'BytesDownloaded'),
    bytesToStage: numberAt(state, 'BytesToStage'),
    bytesStaged: numberAt(state, 'BytesStaged'),
    installedDepots: depotsOf(state),
  };
  const fullyInstalled =
    result.stateFlags === 4 &&
    result.bytesToDownload === result.bytesDownloaded &&
    result.bytesToStage === result.bytesStaged;
  return { ...result, fullyInstalled };
}

/** `AppState.buildid`, or null when the manifest is unreadable or has none. */
export function readManifestBuildId(acfText: string): string | null {
  return readManifestState(acfText)?.buildId ?? null;
}

/**
 * The build id of `branch` in the stdout of `+app_info_update 1 +app_info_print 2430930`
 * (docs/ark-facts.md#latest-build-id): a header `AppID : 2430930, change number : …` then a VDF block, with other
 * SteamCMD lines before and after. Null when the payload is empty (`"2430930" { }`, after
 * `No app info for AppID … found`), truncated, or has no such branch.
 */
export function parseAppInfoBuildId(stdout: string, branch = 'public', appId = ASA_APP_ID): string | null {
  const header = new RegExp(`AppID\\s*:\\s*${appId}\\b`).exec(stdout);
  const blockStart = new RegExp(`"${appId}"\\s*\\{`, 'g');
  blockStart.lastIndex = header?.index ?? 0;
  const block = blockStart.exec(stdout);
  if (!block) return null;
  try {
    const root = parseVdfEntryAt(stdout, block.index);
    return buildIdOf(vdfString(root, appId, 'depots', 'branches', branch, 'buildid'));
  } catch {
    return null;
  }
}
