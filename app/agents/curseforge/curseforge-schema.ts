import { z } from 'zod';

/**
 * What the manager reads of CurseForge's answers (docs.curseforge.com "Mod" and "File"). Loose on
 * purpose: fields we do not read may change or vanish without breaking the mods page.
 */
const CurseForgeFile = z.object({
  id: z.number(),
  displayName: z.string().nullish(),
  fileName: z.string().nullish(),
  fileDate: z.string().nullish(),
  isAvailable: z.boolean().nullish(),
});

export const CurseForgeMod = z.object({
  id: z.number(),
  gameId: z.number().optional(),
  name: z.string(),
  summary: z.string().nullish(),
  links: z.object({ websiteUrl: z.string().nullish() }).nullish(),
  authors: z.array(z.object({ name: z.string() })).nullish(),
  logo: z.object({ thumbnailUrl: z.string().nullish(), url: z.string().nullish() }).nullish(),
  mainFileId: z.number().nullish(),
  latestFiles: z.array(CurseForgeFile).nullish(),
  /** One entry per game version / platform, naming the file current for it. */
  latestFilesIndexes: z.array(z.object({ fileId: z.number() })).nullish(),
});

/** `POST /v1/mods` answers `{ data: Mod[] }`. */
export const CurseForgeModsResponse = z.object({ data: z.array(CurseForgeMod) });
