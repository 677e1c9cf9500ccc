import { z } from 'zod';
import { ErrorCode, type InstanceSettings } from '@ark-asa/contracts';
import { AppError } from './app-error.ts';

/**
 * What a backup holds, as paths relative to the instance's `ShooterGame/Saved` with `/`
 * separators (docs/ark-facts.md#config-files, #saves):
 * - the map's save folder `<SavedArks or AltSaveDirectoryName>/<folder>/`, as the server really
 *   writes it (app/agents/backups/world-locator.ts): the world (`<Map>.ark`, or what is there),
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
const WORLD_FILE = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}\.ark$/i;
/** ARK's own timestamped copies, `TheIsland_WP_26.11.2025_07.00.00.ark`: never the live world. */
const ROLLING_COPY = /_\d{2}\.\d{2}\.\d{4}_\d{2}\.\d{2}\.\d{2}\.ark$/i;
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

/**
 * Maps whose save folder is not their id (docs/ark-facts.md#where-the-world-is-saved): Club ARK
 * runs as `BobsMissions_WP` but saves in `SavedArks/BobsMissions/`.
 */
const MAP_FOLDERS: Readonly<Record<string, string>> = { bobsmissions_wp: 'BobsMissions' };

/** The folder (under SavedArks or AltSaveDirectoryName) the server is expected to save `map` in. */
export function expectedMapFolder(map: string): string {
  return MAP_FOLDERS[map.toLowerCase()] ?? map;
}

/** `SavedArks/TheIsland_WP` — the map's save folder, relative to ShooterGame/Saved. */
export function mapSaveDir(saveDir: string, folder: string): string {
  return `${saveDir}/${folder}`;
}

/** A name the manager accepts as a save folder (plain, so it can sit in an archive entry). */
export const isPlainFolderName = (name: string): boolean => SAVE_DIR_NAME.test(name);

/** Whether `fileName` can be a live world: a plain `*.ark`, not one of ARK's timestamped copies. */
export function isWorldFileName(fileName: string): boolean {
  return WORLD_FILE.test(fileName) && !ROLLING_COPY.test(fileName);
}

/**
 * Whether a file directly inside the map's save folder belongs in a backup: the world (`world`,
 * the file name the server really writes, e.g. `BobsMissions_WP.ark`) and the player files.
 */
export function isSaveFile(fileName: string, world: string): boolean {
  if (fileName.toLowerCase() === world.toLowerCase()) return true;
  return PLAYER_FILE.test(fileName);
}

/**
 * SQLite's side files of the world (ASA's `.ark` is an SQLite database): after a restore an old
 * `-wal` would be replayed over the restored world, so a restore moves these out.
 */
export const WORLD_SIDE_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/** The message of a backup that finds no world: it fails rather than keep only the INI files. */
export const NO_WORLD_MESSAGE =
  'Nothing to back up yet: this server has not saved a world (start it once, or run SaveWorld)';

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
  /** The map's folder as found on disk; absent in older archives, where it was the map id. */
  mapFolder: z.string().regex(SAVE_DIR_NAME).optional(),
  /** The world file's name as found on disk; absent in older archives, where it was `<map>.ark`. */
  world: z.string().regex(WORLD_FILE).optional(),
  files: z.array(z.object({ name: z.string(), sizeBytes: z.number().int().nonnegative() })),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

type ManifestPlace = Pick<BackupManifest, 'map' | 'saveDir' | 'mapFolder' | 'world'>;

/** Where the manifest's saves live: folder relative to ShooterGame/Saved, and the world's name. */
export function manifestPlace(manifest: ManifestPlace): { folder: string; world: string } {
  return {
    folder: mapSaveDir(manifest.saveDir, manifest.mapFolder ?? manifest.map),
    world: manifest.world ?? `${manifest.map}.ark`,
  };
}

/**
 * Whether an (already name-checked) entry is one a restore may write, given the manifest: the
 * manifest itself, the two INI files, or a save file directly in the manifest's map folder.
 * Anything else means the archive was not made by this manager and is refused whole.
 */
export function isRestorableEntry(name: string, manifest: ManifestPlace): boolean {
  if (name === MANIFEST_ENTRY || configEntries().includes(name)) return true;
  const { folder, world } = manifestPlace(manifest);
  const prefix = `${folder}/`;
  if (!name.startsWith(prefix)) return false;
  const file = name.slice(prefix.length);
  return !file.includes('/') && isSaveFile(file, world);
}
