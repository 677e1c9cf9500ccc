import { z } from 'zod';
import { Id, IsoDateTime } from '../common.ts';

export const Build = z
  .object({
    buildId: z.string(),
    installPath: z.string(),
    installedAt: IsoDateTime,
    sizeBytes: z.number().nonnegative(),
    usedBy: z.array(Id).describe('Ids of the instances on this build'),
    agentId: Id.optional().describe('The host whose build cache holds it'),
  })
  .meta({ id: 'Build' });
export type Build = z.infer<typeof Build>;

export const BuildList = z
  .object({
    items: z.array(Build),
    nextCursor: z.string().nullable(),
    latestBuildId: z
      .string()
      .nullable()
      .describe(
        'The build id Steam serves on the public branch at the last check; lower than an installed one when Steam rolled back',
      ),
    latestCheckedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'BuildList' });
export type BuildList = z.infer<typeof BuildList>;

export const InstallBuildBody = z
  .strictObject({
    validate: z.boolean().optional().describe('Check every file against Steam (slower)'),
    agentId: Id.optional().describe('The host to install it on (default: this PC); builds are cached per host'),
  })
  .meta({ id: 'InstallBuildBody' });
export type InstallBuildBody = z.infer<typeof InstallBuildBody>;

/** Host-scoped routes (builds, SteamCMD, prerequisites) take the host in the query; default this PC. */
export const HostQuery = z.object({ agentId: Id.optional() }).meta({ id: 'HostQuery' });
export type HostQuery = z.infer<typeof HostQuery>;

/** Host-scoped POST routes without a body of their own take the host in the body; default this PC. */
export const HostBody = z.strictObject({ agentId: Id.optional() }).meta({ id: 'HostBody' });
export type HostBody = z.infer<typeof HostBody>;
