import type { InstanceMod, ModInfo } from '@ark-asa/contracts';

/** ASA's game id on CurseForge (docs/ark-facts.md#mods). */
export const ASA_GAME_ID = 83374;

/** The part of a CurseForge `Mod` object the manager reads (docs.curseforge.com, "Mod"). */
export interface CurseForgeModData {
  id: number;
  gameId?: number | undefined;
  name: string;
  summary?: string | null | undefined;
  links?: { websiteUrl?: string | null | undefined } | null | undefined;
  authors?: { name: string }[] | null | undefined;
  logo?: { thumbnailUrl?: string | null | undefined; url?: string | null | undefined } | null | undefined;
  mainFileId?: number | null | undefined;
  latestFiles?: CurseForgeFileData[] | null | undefined;
  /** One entry per game version / platform, naming the file current for it. */
  latestFilesIndexes?: { fileId: number }[] | null | undefined;
}

export interface CurseForgeFileData {
  id: number;
  displayName?: string | null | undefined;
  fileName?: string | null | undefined;
  fileDate?: string | null | undefined;
  isAvailable?: boolean | null | undefined;
}

/**
 * The file the server will download at its next start. CurseForge's `mainFileId` is the file the
 * author marked current (what the site's download button gives); when it is missing, the newest
 * available of `latestFiles` stands in.
 */
export function latestFileOf(mod: CurseForgeModData): CurseForgeFileData | null {
  const files = (mod.latestFiles ?? []).filter((f) => f.isAvailable !== false);
  if (mod.mainFileId) return files.find((f) => f.id === mod.mainFileId) ?? { id: mod.mainFileId };
  const byDate = [...files].sort((a, b) => Date.parse(b.fileDate ?? '') - Date.parse(a.fileDate ?? '') || b.id - a.id);
  return byDate[0] ?? null;
}

/**
 * Every file id CurseForge lists as current for the mod: the main file, the available latest files
 * and the latest-files index. An ASA server may install a sibling of the main file (an upload of
 * the same version for another platform, one id apart: docs/ark-facts.md#mods-on-disk), so the
 * installed file is current when it is any of these, not only when it is the main file.
 */
export function currentFileIdsOf(mod: CurseForgeModData): string[] {
  const ids = new Set<number>();
  if (mod.mainFileId) ids.add(mod.mainFileId);
  for (const f of mod.latestFiles ?? []) if (f.isAvailable !== false) ids.add(f.id);
  for (const f of mod.latestFilesIndexes ?? []) ids.add(f.fileId);
  return [...ids].sort((a, b) => a - b).map(String);
}

function isoOrNull(text: string | null | undefined): string | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function toModInfo(mod: CurseForgeModData, fetchedAt: string): ModInfo {
  const file = latestFileOf(mod);
  return {
    modId: String(mod.id),
    name: mod.name,
    summary: mod.summary ?? null,
    authors: (mod.authors ?? []).map((a) => a.name),
    logoUrl: mod.logo?.thumbnailUrl ?? mod.logo?.url ?? null,
    websiteUrl: mod.links?.websiteUrl ?? null,
    latestFileId: file ? String(file.id) : null,
    latestFileName: file ? (file.displayName ?? file.fileName ?? null) : null,
    latestFileDate: isoOrNull(file?.fileDate),
    currentFileIds: currentFileIdsOf(mod),
    fetchedAt,
    unknown: false,
  };
}

/** CurseForge answered but has no ASA mod by this id (a typo, a deleted mod, another game's mod). */
export function unknownModInfo(modId: string, fetchedAt: string): ModInfo {
  return { ...emptyModInfo(modId), fetchedAt, unknown: true };
}

export function emptyModInfo(modId: string): ModInfo {
  return {
    modId,
    name: null,
    summary: null,
    authors: [],
    logoUrl: null,
    websiteUrl: null,
    latestFileId: null,
    latestFileName: null,
    latestFileDate: null,
    currentFileIds: [],
    fetchedAt: null,
    unknown: false,
  };
}

export function isStale(info: ModInfo | undefined, nowMs: number, maxAgeMs: number): boolean {
  if (!info?.fetchedAt) return true;
  return nowMs - Date.parse(info.fetchedAt) >= maxAgeMs;
}

/** A mod as the server has it on disk (library.json and the Mods/83374/<modId>_<fileId> folders). */
export interface InstalledMod {
  fileId: string | null;
  /** The name the library records, shown when CurseForge cannot be asked. */
  name: string | null;
}

/** One row of the instance's mod list: cached details, what is installed, and whether it is behind. */
export function instanceModOf(
  modId: string,
  cached: ModInfo | undefined,
  installed: InstalledMod | undefined,
): InstanceMod {
  const info = cached ?? emptyModInfo(modId);
  const installedFileId = installed?.fileId ?? null;
  return {
    ...info,
    name: info.name ?? installed?.name ?? null,
    installed: installed !== undefined,
    installedFileId,
    updateAvailable: isOutdated(installedFileId, info),
  };
}

/**
 * Outdated only when CurseForge names a file and the installed one is none of its current files.
 * An installed id above every known one is not outdated either: the server fetched a file after
 * the cached answer (CurseForge file ids only grow), and the next fetch tells.
 */
export function isOutdated(installedFileId: string | null, info: ModInfo): boolean {
  if (installedFileId === null || info.latestFileId === null) return false;
  const current = new Set([info.latestFileId, ...(info.currentFileIds ?? [])]);
  if (current.has(installedFileId)) return false;
  const newestKnown = Math.max(...[...current].map(Number));
  return !(Number(installedFileId) > newestKnown);
}
