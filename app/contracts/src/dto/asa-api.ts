import { z } from 'zod';
import { Id } from '../common.ts';

/** Per instance: start through AsaApi's loader (docs/asa-api.md). */
export const AsaApiSetting = z
  .strictObject({
    enabled: z
      .boolean()
      .describe('Start AsaApiLoader.exe (which starts ArkAscendedServer.exe with AsaApi) instead of the server'),
  })
  .meta({ id: 'AsaApiSetting' });
export type AsaApiSetting = z.infer<typeof AsaApiSetting>;

/**
 * A plugin folder name as AsaApi loads it (ArkApi/Plugins/<Name>/<Name>.dll). Letters, digits and
 * `. _ - + &` only, never `.` or `..`: it becomes a path segment.
 */
export const AsaApiPluginName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_+&][A-Za-z0-9._+&-]*$/, 'A plugin folder name: letters, digits, . _ - + & only')
  .refine((s) => s !== '.' && s !== '..' && !s.endsWith('.'), 'Not a plugin folder name');

export const AsaApiPlugin = z
  .object({
    name: AsaApiPluginName,
    enabled: z.boolean().describe('In ArkApi/Plugins (loaded); false: moved to ArkApi/Plugins.disabled'),
    hasConfig: z.boolean().describe('The plugin folder has a config.json'),
    hasDll: z.boolean().describe('The folder holds <name>.dll, the file AsaApi loads'),
  })
  .meta({ id: 'AsaApiPlugin' });
export type AsaApiPlugin = z.infer<typeof AsaApiPlugin>;

export const AsaApiState = z
  .object({
    enabled: z.boolean().describe("The instance's asaApi.enabled setting"),
    installed: z.boolean().describe('AsaApiLoader.exe is in ShooterGame/Binaries/Win64 of the instance'),
    version: z.string().nullable().describe('From the AsaApi version file when one is there; null: unknown'),
    pluginsDir: z.string().describe('Where the loaded plugins live'),
    plugins: z.array(AsaApiPlugin),
  })
  .meta({ id: 'AsaApiState' });
export type AsaApiState = z.infer<typeof AsaApiState>;

/** Plugin configs are small JSON files; this keeps a wrong upload from filling the disk. */
export const ASA_API_CONFIG_MAX_CHARS = 1024 * 1024;

/** Why a text is not JSON, or null when it is. */
export function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (err) {
    return `Not valid JSON: ${(err as Error).message}`;
  }
}

export const AsaApiPluginConfig = z
  .object({
    config: z
      .string()
      .max(ASA_API_CONFIG_MAX_CHARS, 'At most 1 MB')
      .superRefine((text, ctx) => {
        const problem = jsonProblem(text);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .describe("The plugin's config.json, as text (kept byte for byte)"),
  })
  .meta({ id: 'AsaApiPluginConfig' });
export type AsaApiPluginConfig = z.infer<typeof AsaApiPluginConfig>;

export const AsaApiPluginParams = z.object({ id: Id, name: AsaApiPluginName });

export const AsaApiPluginEnabledBody = z.strictObject({ enabled: z.boolean() }).meta({ id: 'AsaApiPluginEnabledBody' });
