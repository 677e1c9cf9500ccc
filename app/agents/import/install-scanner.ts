import { promises as fsp, type Dirent } from 'node:fs';
import path from 'node:path';
import { PLAYER_LISTS, type ImportedWorld, type InstanceSettingsPatch, type PlayerListName } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { isSaveFile, isWorldFileName } from '../../domain/backup-contents.ts';
import { keepValid } from '../../domain/command-line-parse.ts';
import { settingsFromGus } from '../../domain/import-settings.ts';
import { CONFIG_DIR } from '../instances/instance-config.ts';
import { PLAYER_LIST_FILES, parseIdList } from '../instances/player-list-files.ts';
import { findStartArguments, type FoundScript } from './start-sources.ts';

/** A world found in the source, with where it is. */
export interface ScannedWorld extends ImportedWorld {
  /** The world and its player files, absolute. */
  files: string[];
}

/** What an existing ASA folder holds (docs/import.md); nothing here writes. */
export interface InstallScan {
  root: string;
  savedDir: string;
  hasServerExe: boolean;
  hasAsaApi: boolean;
  worlds: ScannedWorld[];
  configFiles: { name: string; abs: string; sizeBytes: number }[];
  playerLists: { list: PlayerListName; abs: string; ids: number }[];
  clusterDir: string | null;
  scripts: FoundScript[];
  map: string | null;
  settings: InstanceSettingsPatch;
  warnings: string[];
}

const WIN64 = ['ShooterGame', 'Binaries', 'Win64'];
/** Folders under ShooterGame/Saved that never hold worlds. */
const NOT_SAVE_DIRS = new Set(['config', 'logs', 'crashes', 'clusters', 'demos', 'webcache']);

const badSource = (message: string) => AppError.validation([{ field: 'sourcePath', message }]);

async function listDir(dir: string): Promise<Dirent[]> {
  return fsp.readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]);
}

async function isFile(p: string): Promise<boolean> {
  return (await fsp.stat(p).catch(() => null))?.isFile() ?? false;
}

/** The source folder resolved, or a 400 naming sourcePath. */
export async function resolveSourceDir(sourcePath: string): Promise<string> {
  if (!path.isAbsolute(sourcePath)) throw badSource('Give the full path of the folder (e.g. C:\\ASA or /srv/asa)');
  let real: string;
  try {
    real = await fsp.realpath(sourcePath);
    await fsp.access(real, fsp.constants.R_OK);
  } catch {
    throw badSource(`${sourcePath} does not exist or cannot be read by the manager`);
  }
  if (!(await fsp.stat(real)).isDirectory()) throw badSource(`${sourcePath} is not a folder`);
  return real;
}

/** The worlds under ShooterGame/Saved: in SavedArks and in any AltSaveDirectoryName folder. */
async function findWorlds(savedDir: string): Promise<ScannedWorld[]> {
  const worlds: ScannedWorld[] = [];
  for (const saveDir of await listDir(savedDir)) {
    if (!saveDir.isDirectory() || NOT_SAVE_DIRS.has(saveDir.name.toLowerCase())) continue;
    for (const folder of await listDir(path.join(savedDir, saveDir.name))) {
      if (!folder.isDirectory()) continue;
      const world = await worldIn(path.join(savedDir, saveDir.name, folder.name), saveDir.name, folder.name);
      if (world) worlds.push(world);
    }
  }
  return worlds;
}

async function worldIn(dir: string, saveDir: string, folder: string): Promise<ScannedWorld | null> {
  const entries = (await listDir(dir)).filter((e) => e.isFile());
  const arks = entries.filter((e) => isWorldFileName(e.name));
  if (arks.length === 0) return null;
  const stats = await Promise.all(
    arks.map(async (e) => ({ name: e.name, st: await fsp.stat(path.join(dir, e.name)) })),
  );
  // The file named after its folder, else the one written last (mod maps name it their own way).
  const chosen =
    stats.find((s) => s.name.toLowerCase() === `${folder.toLowerCase()}.ark`) ??
    stats.sort((a, b) => b.st.mtimeMs - a.st.mtimeMs)[0]!;
  const players = entries.filter((e) => e.name !== chosen.name && isSaveFile(e.name, chosen.name));
  return {
    saveDir,
    folder,
    world: chosen.name,
    sizeBytes: chosen.st.size,
    modifiedAt: chosen.st.mtime.toISOString(),
    profiles: players.length,
    files: [chosen.name, ...players.map((e) => e.name)].map((n) => path.join(dir, n)),
  };
}

async function findConfigFiles(root: string): Promise<InstallScan['configFiles']> {
  const out: InstallScan['configFiles'] = [];
  for (const name of ['GameUserSettings.ini', 'Game.ini']) {
    const abs = path.join(root, CONFIG_DIR, name);
    const st = await fsp.stat(abs).catch(() => null);
    if (st?.isFile()) out.push({ name, abs, sizeBytes: st.size });
  }
  return out;
}

async function findPlayerLists(root: string): Promise<InstallScan['playerLists']> {
  const out: InstallScan['playerLists'] = [];
  for (const list of PLAYER_LISTS) {
    const abs = path.join(root, ...PLAYER_LIST_FILES[list]);
    if (!(await isFile(abs))) continue;
    out.push({ list, abs, ids: parseIdList(await fsp.readFile(abs, 'utf8')).length });
  }
  return out;
}

/** The map to import: the start arguments', else the one world's (named after its file). */
function pickMap(settings: InstanceSettingsPatch, worlds: ScannedWorld[]): string | null {
  if (settings.map) return settings.map;
  return worlds.length === 1 ? worlds[0]!.world.replace(/\.ark$/i, '') : null;
}

/** Reads an existing ASA install folder: worlds, INI files, list files, start arguments. */
export async function scanInstall(sourcePath: string): Promise<InstallScan> {
  const root = await resolveSourceDir(sourcePath);
  const savedDir = path.join(root, 'ShooterGame', 'Saved');
  const hasServerExe = await isFile(path.join(root, ...WIN64, 'ArkAscendedServer.exe'));
  const hasSaved = (await fsp.stat(savedDir).catch(() => null))?.isDirectory() ?? false;
  if (!hasServerExe && !hasSaved) {
    throw badSource(
      `${sourcePath} is not an ASA server folder: it has neither ShooterGame/Binaries/Win64/ArkAscendedServer.exe nor ShooterGame/Saved (choose the folder that holds ShooterGame)`,
    );
  }
  const warnings: string[] = [];
  const configFiles = await findConfigFiles(root);
  const gus = configFiles.find((f) => f.name === 'GameUserSettings.ini');
  const fromIni = gus ? settingsFromGus(await fsp.readFile(gus.abs, 'utf8')) : {};
  const { scripts, raw } = await findStartArguments(root, warnings);
  const settings = keepValid({ ...fromIni, ...raw }, warnings);
  const worlds = await findWorlds(savedDir);
  const map = pickMap(settings, worlds);
  if (map && !settings.map) settings.map = map;
  if (worlds.length === 0)
    warnings.push('No world save was found under ShooterGame/Saved; the server will start a new world');
  else if (map && !worlds.some((w) => w.world.toLowerCase() === `${map.toLowerCase()}.ark`))
    warnings.push(
      `No world of the map ${map} was found; the worlds found are copied, but the server will start a new ${map} world`,
    );
  const clusterDir = path.join(savedDir, 'clusters');
  return {
    root,
    savedDir,
    hasServerExe,
    hasAsaApi: await isFile(path.join(root, ...WIN64, 'AsaApiLoader.exe')),
    worlds,
    configFiles,
    playerLists: await findPlayerLists(root),
    clusterDir: (await fsp.stat(clusterDir).catch(() => null))?.isDirectory() ? clusterDir : null,
    scripts,
    map,
    settings,
    warnings,
  };
}
