import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ASA_GAME_ID, type InstalledMod } from '../../domain/mod-info.ts';

/** Where the server keeps its mods, relative to the instance directory (docs/ark-facts.md#mods). */
const MODS_ROOT = ['ShooterGame', 'Binaries', 'Win64', 'ShooterGame'];
/** `Mods/83374/<modId>_<fileId>/`: the folder name says which file is installed. */
const MOD_FOLDER = /^(\d{1,12})_(\d{1,15})$/;

/**
 * The mods the server has downloaded into an instance: the ids and names of
 * `ModsUserData/83374/library.json` and the file ids of the `Mods/83374/<modId>_<fileId>` folders.
 * The server writes both; either may be missing (never started, or started without mods) or
 * half-written (it was killed), so anything unreadable counts as "not installed", never as an error.
 */
export async function readInstalledMods(instanceDir: string): Promise<Map<string, InstalledMod>> {
  const root = path.join(instanceDir, ...MODS_ROOT);
  const [library, folders] = await Promise.all([
    readLibrary(path.join(root, 'ModsUserData', String(ASA_GAME_ID), 'library.json')),
    readModFolders(path.join(root, 'Mods', String(ASA_GAME_ID))),
  ]);
  const installed = new Map<string, InstalledMod>();
  for (const [modId, entry] of library)
    installed.set(modId, { fileId: entry.fileId ?? folders.get(modId) ?? null, name: entry.name });
  for (const [modId, fileId] of folders) if (!installed.has(modId)) installed.set(modId, { fileId, name: null });
  return installed;
}

interface LibraryEntry {
  name: string | null;
  fileId: string | null;
}

async function readLibrary(file: string): Promise<Map<string, LibraryEntry>> {
  const entries = new Map<string, LibraryEntry>();
  let parsed: unknown;
  try {
    // The server writes it with a BOM at times; JSON.parse does not take one.
    parsed = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch {
    return entries;
  }
  const mods = isRecord(parsed) && Array.isArray(parsed.installedMods) ? parsed.installedMods : [];
  for (const mod of mods) {
    const details = isRecord(mod) && isRecord(mod.details) ? mod.details : null;
    // cdp1337 reads details.iD; other CurseForge tools write id.
    const modId = idOf(details?.iD ?? details?.id);
    if (!modId) continue;
    entries.set(modId, { name: typeof details?.name === 'string' ? details.name : null, fileId: installedFileOf(mod) });
  }
  return entries;
}

/** The file id, when the library records one (`installedFile.id`); else the folder name tells. */
function installedFileOf(mod: unknown): string | null {
  if (!isRecord(mod) || !isRecord(mod.installedFile)) return null;
  return idOf(mod.installedFile.id ?? mod.installedFile.iD);
}

async function readModFolders(dir: string): Promise<Map<string, string>> {
  const folders = new Map<string, string>();
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return folders;
  }
  for (const name of names) {
    const match = MOD_FOLDER.exec(name);
    if (!match) continue;
    const modId = match[1]!;
    const fileId = match[2]!;
    // An older file's folder can linger next to the new one; the higher file id is the newer.
    const seen = folders.get(modId);
    if (!seen || Number(fileId) > Number(seen)) folders.set(modId, fileId);
  }
  return folders;
}

function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return value;
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
