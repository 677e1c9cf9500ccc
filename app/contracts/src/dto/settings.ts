import { z } from 'zod';
import { hasControlCharacter } from '../common.ts';

/**
 * The one rule for an access token, wherever it comes from (settings, `--token`, the desktop
 * shell): long enough not to be guessed through the rate limit, and safe in a header and a URL.
 */
export const AccessToken = z
  .string()
  .min(16, 'Use at least 16 characters')
  .max(256, 'Use at most 256 characters')
  .regex(/^[\x21-\x7e]+$/, 'Printable characters without spaces only');

/** Manager-wide settings (`GET/PATCH /api/v1/settings`). The access token is returned masked. */
export const ManagerSettings = z
  .object({
    steamcmdPath: z
      .string()
      .nullable()
      .describe('steamcmd executable; on Windows the manager can install it when unset'),
    dataRoot: z.string().describe('Where builds, instances and backups live (large files)'),
    bindHost: z.string().describe('Address the control plane listens on at next start; 127.0.0.1 keeps it on this PC'),
    port: z.int().min(1).max(65535).describe('Port of the control plane at next start'),
    accessToken: z.string().nullable().describe('Token remote clients present; required when bindHost is not loopback'),
    heartbeatIntervalSec: z.int().min(1).max(3600),
    jobConcurrency: z.int().min(1).max(16),
    crashRestartMaxAttempts: z
      .int()
      .min(0)
      .max(20)
      .describe('Automatic restarts allowed within the window before giving up'),
    crashRestartWindowMinutes: z.int().min(1).max(1440),
    logRetentionLines: z.int().min(100).max(100000).describe('Lines of log kept per instance'),
    wsMaxClients: z
      .int()
      .min(1)
      .max(10000)
      .default(200)
      .describe('Most /ws clients at once; more are refused with 503'),
    wsMaxClientsPerAddress: z
      .int()
      .min(1)
      .max(1000)
      .default(20)
      .describe('Most /ws clients from one address; more are refused with 429'),
    steamcmdStallTimeoutSec: z
      .int()
      .min(60)
      .max(86400)
      .default(600)
      .describe('SteamCMD is stopped when it prints nothing and its download does not grow for this long (seconds)'),
  })
  .meta({ id: 'ManagerSettings' });
export type ManagerSettings = z.infer<typeof ManagerSettings>;

const AbsolutePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => /^([A-Za-z]:[\\/]|\\\\|\/)/.test(p), 'Use an absolute path, e.g. C:\\ARK or /srv/ark')
  // A line break or NUL in a path would create folders nobody can see or type.
  .refine((p) => !hasControlCharacter(p), 'Must not contain control characters (line breaks, tabs)');

export const ManagerSettingsPatch = z
  .strictObject({
    steamcmdPath: AbsolutePath.nullable(),
    dataRoot: AbsolutePath,
    bindHost: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')], {
      error: 'Use an IP address such as 127.0.0.1 or 0.0.0.0',
    }),
    port: ManagerSettings.shape.port,
    accessToken: AccessToken.nullable(),
    heartbeatIntervalSec: ManagerSettings.shape.heartbeatIntervalSec,
    jobConcurrency: ManagerSettings.shape.jobConcurrency,
    crashRestartMaxAttempts: ManagerSettings.shape.crashRestartMaxAttempts,
    crashRestartWindowMinutes: ManagerSettings.shape.crashRestartWindowMinutes,
    logRetentionLines: ManagerSettings.shape.logRetentionLines,
    wsMaxClients: ManagerSettings.shape.wsMaxClients.unwrap(),
    wsMaxClientsPerAddress: ManagerSettings.shape.wsMaxClientsPerAddress.unwrap(),
    steamcmdStallTimeoutSec: ManagerSettings.shape.steamcmdStallTimeoutSec.unwrap(),
  })
  .partial()
  .meta({ id: 'ManagerSettingsPatch' });
export type ManagerSettingsPatch = z.infer<typeof ManagerSettingsPatch>;
