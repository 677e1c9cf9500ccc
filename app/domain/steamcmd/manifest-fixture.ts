// Test fixture: app manifests as SteamCMD writes them (docs/steamcmd.md).
import { readManifestState, type ManifestState } from './vdf.ts';

/** A manifest as SteamCMD writes it: `fields` override the values of a finished install of build 24226775. */
export function manifest(fields: Record<string, string> = {}): ManifestState {
  const values: Record<string, string> = {
    appid: '2430930',
    name: 'ARK: Survival Ascended Dedicated Server',
    StateFlags: '4',
    installdir: 'ARK Survival Ascended Dedicated Server',
    buildid: '24226775',
    BytesToDownload: '9527248082',
    BytesDownloaded: '9527248082',
    BytesToStage: '34699459197',
    BytesStaged: '34699459197',
    TargetBuildID: '24226775',
    ...fields,
  };
  const body = Object.entries(values)
    .map(([k, v]) => `\t"${k}"\t\t"${v}"\n`)
    .join('');
  const state = readManifestState(`"AppState"\n{\n${body}}\n`);
  if (!state) throw new Error('fixture does not parse');
  return state;
}

/** The manifest of a fresh download under way: update started, nothing installed yet. */
export const downloading = (downloaded: number, extra: Record<string, string> = {}) =>
  manifest({
    StateFlags: '1026',
    buildid: '0',
    BytesToDownload: '1000',
    BytesDownloaded: String(downloaded),
    BytesToStage: '4000',
    BytesStaged: String(downloaded),
    ...extra,
  });
