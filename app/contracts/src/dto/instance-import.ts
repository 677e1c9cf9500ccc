import { z } from 'zod';
import { hasControlCharacter, Id } from '../common.ts';
import { InstanceSettingsPatch } from './instance-settings.ts';
import { PlayerListName } from './player-list.ts';

/*
 * Bringing existing servers in (docs/import.md): a folder of an ASA install made by hand, by
 * SteamCMD or by another manager becomes an instance, copied onto the build cache or run where it is.
 */

/** `copy`: a new instance on the cached build, the source's files copied in. `in-place`: run from the source folder. */
export const ImportMode = z.enum(['copy', 'in-place']);
export type ImportMode = z.infer<typeof ImportMode>;

const SourcePath = z
  .string()
  .trim()
  .min(1, 'Give the folder (or .zip) to import from')
  .max(1000, 'At most 1,000 characters')
  .refine((s) => !hasControlCharacter(s), 'Must not contain control characters');

/** The host whose disk holds the folder; a remote host's manager reads it there (docs/import.md). */
const ImportHost = Id.optional().describe(
  'The host whose folder to import, where the new server runs (default: this PC); see GET /api/v1/agents',
);

export const ImportPreviewBody = z
  .strictObject({ sourcePath: SourcePath, agentId: ImportHost })
  .meta({ id: 'ImportPreviewBody' });
export type ImportPreviewBody = z.infer<typeof ImportPreviewBody>;

export const ImportInstanceBody = z
  .strictObject({
    sourcePath: SourcePath,
    name: z
      .string()
      .trim()
      .min(1, 'Give the instance a name')
      .max(64, 'At most 64 characters')
      .refine((s) => !hasControlCharacter(s), 'Must not contain control characters'),
    mode: ImportMode.default('copy'),
    agentId: ImportHost,
  })
  .meta({ id: 'ImportInstanceBody' });
export type ImportInstanceBody = z.infer<typeof ImportInstanceBody>;

export const ImportSaveBody = z.strictObject({ sourcePath: SourcePath }).meta({ id: 'ImportSaveBody' });
export type ImportSaveBody = z.infer<typeof ImportSaveBody>;

/**
 * The largest world zip `POST /instances/:id/saves/upload` takes (8 GiB): a big map's world with
 * its player files is a few hundred MB, so this leaves room without letting a client fill the disk.
 */
export const SAVE_UPLOAD_MAX_BYTES = 8 * 1024 ** 3;

export const ImportedWorld = z.object({
  saveDir: z.string().describe('SavedArks or the AltSaveDirectoryName folder'),
  folder: z.string().describe("The map's save folder"),
  world: z.string().describe('The world file'),
  sizeBytes: z.number().nonnegative(),
  modifiedAt: z.string(),
  profiles: z.int().nonnegative().describe('Player and tribe files beside it'),
});
export type ImportedWorld = z.infer<typeof ImportedWorld>;

export const ImportStartScript = z.object({
  path: z.string(),
  kind: z.enum(['batch', 'profile']),
  /** Passwords masked. */
  commandLine: z.string(),
  used: z.boolean().describe('Its arguments are the ones imported'),
});

export const ImportPreview = z
  .object({
    sourcePath: z.string().describe('The folder as resolved on disk'),
    hasServerExe: z.boolean().describe('ShooterGame/Binaries/Win64/ArkAscendedServer.exe is there'),
    hasAsaApi: z.boolean().describe('AsaApiLoader.exe is there (AsaApi plugins are not imported)'),
    canRunInPlace: z.boolean(),
    map: z.string().nullable(),
    worlds: z.array(ImportedWorld),
    configFiles: z.array(z.object({ name: z.string(), sizeBytes: z.number().nonnegative() })),
    playerLists: z.array(z.object({ list: PlayerListName, ids: z.int().nonnegative() })),
    clusterDir: z.string().nullable().describe('A cluster folder found under ShooterGame/Saved'),
    startScripts: z.array(ImportStartScript),
    settings: InstanceSettingsPatch.describe('What the new instance gets; passwords masked'),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'ImportPreview' });
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportInstanceJobResult = z.object({
  instanceId: Id,
  name: z.string(),
  mode: ImportMode,
  filesCopied: z.int().nonnegative(),
  bytesCopied: z.number().nonnegative(),
  warnings: z.array(z.string()),
});
export type ImportInstanceJobResult = z.infer<typeof ImportInstanceJobResult>;

export const ImportSaveJobResult = z.object({
  instanceId: Id,
  world: z.string(),
  safetyBackupId: Id.nullable(),
  replaced: z.array(z.string()),
  added: z.array(z.string()),
  removed: z.array(z.string()),
});
export type ImportSaveJobResult = z.infer<typeof ImportSaveJobResult>;
