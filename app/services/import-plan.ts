import {
  InstanceSettings,
  SECRET_MASK,
  type ImportMode,
  type ImportPreview,
  type InstanceSettingsPatch,
} from '@ark-asa/contracts';
import type { InstallScan } from '../agents/import/install-scanner.ts';

/**
 * The settings an imported server gets (docs/import.md): the defaults, then what its
 * GameUserSettings.ini, a profile and its start script say (the scanner merged those). A copy
 * never points at the source: a -ClusterDirOverride is dropped there, since the new server would
 * write its transfers into the old server's folder.
 */
export function plannedSettings(scan: InstallScan, mode: ImportMode, warnings: string[]): InstanceSettings {
  const patch: InstanceSettingsPatch = { ...scan.settings };
  if (mode === 'copy' && patch.clusterDir) {
    warnings.push(
      `The cluster folder ${patch.clusterDir} of the start script is not used by the copy (it belongs to the old server); join a managed cluster instead`,
    );
    delete patch.clusterDir;
  }
  const parsed = InstanceSettings.safeParse(patch);
  if (parsed.success) return parsed.data;
  // The fields were checked one by one; a cross-field rule (same game and RCON port) can still fail.
  for (const issue of parsed.error.issues) {
    warnings.push(`${issue.path.join('.')} was reset to its default: ${issue.message}`);
    delete (patch as Record<string, unknown>)[String(issue.path[0])];
  }
  return InstanceSettings.parse(patch);
}

const mask = (v: string | undefined) => (v ? SECRET_MASK : v);

/** The scan as the API shows it: paths, counts and settings, passwords masked. */
export function toPreview(scan: InstallScan): ImportPreview {
  const warnings = [...scan.warnings];
  if (!scan.hasServerExe)
    warnings.push('There is no ArkAscendedServer.exe here: the folder can be imported as a copy only');
  if (scan.hasAsaApi) warnings.push('AsaApi is installed here; its plugins and their configs are not imported');
  const settings: InstanceSettingsPatch = {
    ...scan.settings,
    ...(scan.settings.adminPassword !== undefined ? { adminPassword: mask(scan.settings.adminPassword) } : {}),
    ...(scan.settings.serverPassword !== undefined ? { serverPassword: mask(scan.settings.serverPassword) } : {}),
  };
  return {
    sourcePath: scan.root,
    hasServerExe: scan.hasServerExe,
    hasAsaApi: scan.hasAsaApi,
    canRunInPlace: scan.hasServerExe,
    map: scan.map,
    worlds: scan.worlds.map(({ files: _files, ...w }) => w),
    configFiles: scan.configFiles.map(({ name, sizeBytes }) => ({ name, sizeBytes })),
    playerLists: scan.playerLists.map(({ list, ids }) => ({ list, ids })),
    clusterDir: scan.clusterDir,
    startScripts: scan.scripts,
    settings,
    warnings,
  };
}
