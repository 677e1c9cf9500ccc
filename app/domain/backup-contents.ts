import { z } from 'zod';
import { ErrorCode, type InstanceSettings } from '@ark-asa/contracts';
import { AppError } from './app-error.ts';

/**
 * What a backup holds, as paths relative to the instance's `ShooterGame/Saved` with `/`
 * separators (asa-facts §3.2, §3.3):
 * - the map's save folder `<SavedArks or AltSaveDirectoryName>/<Map>/`: the world `<Map>.ark`,
 *   player profiles `.arkprofile`, tribes `.arktribe` (`.arktributetribe` with -usestore), and the
 *   `.profilebak` / `.tribebak` copies ARK keeps of them (small, and what ARK falls back to when a
 *   profile is damaged);
 * - `Config/WindowsServer/GameUserSettings.ini` and `Game.ini`;
 * - a manifest written by the manager.
 * Left out: ARK's own timestamped world copies and `.bak` anti-corruption files (each as large as
 * the world, and the manager's backups replace them), temp files of a save in progress, logs,
 * crash reports, the cluster folder (shared between instances) and the simulator's files.
 */

export const SAVED_ARKS = 'SavedArks';
export const CONFIG_ENTRY_DIR = 'Config/WindowsServer';
export const CONFIG_ENTRY_FILES = ['GameUserSettings.ini', 'Game.ini'] as const;
export const MANIFEST_ENTRY = 'asa-backup-manifest.json';

const SAVE_DIR_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;
const MAP_NAME = /^[A-Za-z0-9][A-Za-z0-9_]{0,63}$/;
const PLAYER_FILE = /^[A-Za-z0-9_-]{1,128}\.(arkprofile|arktribe|arktributetribe|profilebak|tribebak)$/i;

/**
 * The folder above the map's save folder: `SavedArks`, or `?AltSaveDirectoryName=<dir>` from the
 * extra options (ASA keeps the `<dir>/<Map>/` layout). A value that is not a plain folder name is
 * refused: the server would write wherever it points, and the manager will not follow it.
 */
export function saveDirName(settings: Pick<InstanceSettings, 'extraQueryArgs'>): string {
  const alt = settings.extraQueryArgs
    .map((arg) => /^AltSaveDirectoryName=(.*)$/i.exec(arg)?.[1])
    .filter((v): v is string => v !== undefined)
    .at(-1);
  if (alt === undefined || alt === '') return SAVED_ARKS;
  if (!SAVE_DIR_NAME.test(alt) || /^(config|logs|crashes)$/i.test(alt)) {
    throw new AppError(
      ErrorCode.BACKUP_FAILED,
      `AltSaveDirectoryName "${alt}" is not a plain folder name (letters, digits, _ and -); change it to back up this server`,
    );
  }
  return alt;
}

/** `SavedArks/TheIsland_WP` — the map's save folder, relative to ShooterGame/Saved. */
export function mapSaveDir(saveDir: string, map: string): string {
  return `${saveDir}/${map}`;
}

/** Whether a file directly inside the map's save folder belongs in a backup. */
export function isSaveFile(fileName: string, map: string): boolean {
  if (fileName === `${map}.ark`) return true;
  return PLAYER_FILE.test(fileName);
}

export const configEntries = (): string[] => CONFIG_ENTRY_FILES.map((f) => `${CONFIG_ENTRY_DIR}/${f}`);

/** The manifest every archive carries: where its save folder came from, so a restore puts it back there. */
export const BackupManifest = z.object({
  format: z.literal(1),
  backupId: z.string(),
  instanceId: z.string(),
  kind: z.string(),
  createdAt: z.string(),
  map: z.string().regex(MAP_NAME),
  saveDir: z.string().regex(SAVE_DIR_NAME),
  files: z.array(z.object({ name: z.string(), sizeBytes: z.number().int().nonnegative() })),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/**
 * Whether an (already name-checked) entry is one a restore may write, given the manifest: the
 * manifest itself, the two INI files, or a save file directly in the manifest's map folder.
 * Anything else means the archive was not made by this manager and is refused whole.
 */
export function isRestorableEntry(name: string, manifest: Pick<BackupManifest, 'map' | 'saveDir'>): boolean {
  if (name === MANIFEST_ENTRY || configEntries().includes(name)) return true;
  const prefix = `${mapSaveDir(manifest.saveDir, manifest.map)}/`;
  if (!name.startsWith(prefix)) return false;
  const file = name.slice(prefix.length);
  return !file.includes('/') && isSaveFile(file, manifest.map);
}
