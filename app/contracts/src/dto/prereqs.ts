import { z } from 'zod';
import { Id } from '../common.ts';

/** The Windows prerequisites of the ASA dedicated server (docs/windows-prerequisites.md). */
export const PrereqId = z.enum(['vcredist', 'directx', 'certificates']);
export type PrereqId = z.infer<typeof PrereqId>;

export const PrereqState = z.enum(['ok', 'missing', 'unknown', 'not-applicable']);
export type PrereqState = z.infer<typeof PrereqState>;

export const PrereqItem = z
  .object({
    id: PrereqId,
    name: z.string().describe('What it is, for people: "Visual C++ 2015–2022 x64 runtime"'),
    state: PrereqState,
    detail: z.string().describe('What the check found (a version, the stores searched, why it could not tell)'),
    fix: z.string().nullable().describe('What to do when it is missing or unknown; null when nothing is to be done'),
  })
  .meta({ id: 'PrereqItem' });
export type PrereqItem = z.infer<typeof PrereqItem>;

export const HostPrerequisites = z
  .object({
    platform: z.string().describe("Node's process.platform of the host that was checked (win32, linux)"),
    items: z.array(PrereqItem),
  })
  .meta({ id: 'HostPrerequisites' });
export type HostPrerequisites = z.infer<typeof HostPrerequisites>;

export const InstallPrerequisitesBody = z
  .strictObject({
    items: z.array(PrereqId).min(1).describe('What to install'),
    consent: z
      .literal(true, { error: 'The installers run elevated (a UAC prompt): send consent: true to agree' })
      .describe('The user agreed to run the installers as administrator'),
    agentId: Id.optional().describe('The host to install them on (default: this PC)'),
  })
  .meta({ id: 'InstallPrerequisitesBody' });
export type InstallPrerequisitesBody = z.infer<typeof InstallPrerequisitesBody>;

/** The result of an INSTALL_PREREQUISITES job: one line per item it tried. */
export const PrereqInstallOutcome = z.object({
  id: PrereqId,
  ok: z.boolean(),
  message: z.string(),
});
export const InstallPrerequisitesResult = z
  .object({ items: z.array(PrereqInstallOutcome), restartNeeded: z.boolean() })
  .meta({ id: 'InstallPrerequisitesResult' });
export type InstallPrerequisitesResult = z.infer<typeof InstallPrerequisitesResult>;
