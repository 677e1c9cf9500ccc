import { z } from 'zod';
import { Id, IsoDateTime } from '../common.ts';
import { InstanceStatus } from './instance.ts';

/** A CurseForge project id as instance settings hold it (docs/ark-facts.md#mods: `-mods=928597,939228`). */
export const CurseForgeModId = z.string().regex(/^\d{1,12}$/, 'CurseForge mod ids are numbers, e.g. 928597');

/**
 * Why names or update checks are missing: no key yet, CurseForge refused the key, or CurseForge
 * could not be reached. Shown to the user as a hint; never an HTTP error, since the ids still list.
 */
export const ModNoticeCode = z.enum(['no-api-key', 'api-key-refused', 'curseforge-unavailable']);
export type ModNoticeCode = z.infer<typeof ModNoticeCode>;

export const ModNotice = z
  .object({ code: ModNoticeCode, message: z.string().describe('What is missing and what to do') })
  .meta({ id: 'ModNotice' });
export type ModNotice = z.infer<typeof ModNotice>;

/** What CurseForge says about one mod, as cached by the manager. */
export const ModInfo = z
  .object({
    modId: CurseForgeModId,
    name: z.string().nullable().describe('null until fetched from CurseForge (or read from the installed library)'),
    summary: z.string().nullable(),
    authors: z.array(z.string()),
    logoUrl: z.string().nullable(),
    websiteUrl: z.string().nullable(),
    latestFileId: z
      .string()
      .nullable()
      .describe("CurseForge's main file of the mod: what the server downloads at its next start"),
    latestFileName: z.string().nullable(),
    latestFileDate: IsoDateTime.nullable(),
    currentFileIds: z
      .array(z.string())
      .optional()
      .describe(
        'Every file CurseForge lists as current (main file, latest files, latest files index): an installed one of these is up to date',
      ),
    fetchedAt: IsoDateTime.nullable().describe('When CurseForge was last asked; null when never'),
    unknown: z.boolean().describe('CurseForge has no ASA mod with this id'),
  })
  .meta({ id: 'ModInfo' });
export type ModInfo = z.infer<typeof ModInfo>;

export const InstanceMod = ModInfo.extend({
  installed: z
    .boolean()
    .describe('Found in the instance (ModsUserData/83374/library.json or Mods/83374/<modId>_<fileId>)'),
  installedFileId: z.string().nullable(),
  updateAvailable: z
    .boolean()
    .describe(
      'Installed, and the installed file is none CurseForge lists as current: the server takes the main file at its next start',
    ),
}).meta({ id: 'InstanceMod' });
export type InstanceMod = z.infer<typeof InstanceMod>;

/** `GET /api/v1/instances/:id/mods`: the instance's mods in load order, with names and update state. */
export const InstanceMods = z
  .object({
    instanceId: Id,
    instanceStatus: InstanceStatus,
    mods: z.array(InstanceMod).describe('-mods=, in load order'),
    passiveMods: z.array(InstanceMod).describe('-passivemods=, in order'),
    apiKeyConfigured: z.boolean(),
    notice: ModNotice.nullable(),
    updatesAvailable: z.int().nonnegative(),
    restartSuggested: z
      .boolean()
      .describe(
        'Running with mod updates available: ASA installs them at start, so offer POST /instances/:id/restart with a countdown',
      ),
  })
  .meta({ id: 'InstanceMods' });
export type InstanceMods = z.infer<typeof InstanceMods>;

export const ModUpdate = z
  .object({
    instanceId: Id,
    instanceName: z.string(),
    modId: CurseForgeModId,
    name: z.string().nullable(),
    installedFileId: z.string().nullable(),
    latestFileId: z.string(),
    latestFileName: z.string().nullable(),
    newlyNoticed: z
      .boolean()
      .describe('First time this file is seen for this instance: a log line and a notification went out'),
  })
  .meta({ id: 'ModUpdate' });
export type ModUpdate = z.infer<typeof ModUpdate>;

/** `POST /api/v1/mods/check`: the periodic check, run now. */
export const ModUpdateCheck = z
  .object({
    checkedAt: IsoDateTime,
    modsChecked: z.int().nonnegative(),
    updates: z.array(ModUpdate).describe('Mods of running instances with a newer file on CurseForge'),
    notice: ModNotice.nullable(),
  })
  .meta({ id: 'ModUpdateCheck' });
export type ModUpdateCheck = z.infer<typeof ModUpdateCheck>;

/** The CurseForge API key as clients see it: masked, never in full. */
export const CurseForgeKeyState = z
  .object({
    apiKey: z.string().nullable().describe('SECRET_MASK when a key is stored, null when none'),
    configured: z.boolean(),
    updatedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'CurseForgeKeyState' });
export type CurseForgeKeyState = z.infer<typeof CurseForgeKeyState>;

export const PutCurseForgeKeyBody = z
  .strictObject({
    apiKey: z
      .string()
      .min(1, 'Paste the key from the CurseForge for Studios console')
      .max(200, 'At most 200 characters')
      .regex(/^\S+$/, 'An API key has no spaces or line breaks')
      .nullable()
      .describe('The key; null removes it; SECRET_MASK keeps the stored one'),
  })
  .meta({ id: 'PutCurseForgeKeyBody' });
export type PutCurseForgeKeyBody = z.infer<typeof PutCurseForgeKeyBody>;
