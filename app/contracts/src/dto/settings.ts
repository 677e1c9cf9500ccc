import { z } from 'zod';

/** Manager-wide settings (`GET/PATCH /api/v1/settings`). The access token is returned masked. */
export const ManagerSettings = z
  .object({
    steamcmdPath: z.string().nullable().describe('steamcmd executable; on Windows the manager can install it when unset'),
    dataRoot: z.string().describe('Where builds, instances and backups live (large files)'),
    bindHost: z.string().describe('Address the control plane listens on at next start; 127.0.0.1 keeps it on this PC'),
    port: z.int().min(1).max(65535).describe('Port of the control plane at next start'),
    accessToken: z.string().nullable().describe('Token remote clients present; required when bindHost is not loopback'),
    heartbeatIntervalSec: z.int().min(1).max(3600),
    jobConcurrency: z.int().min(1).max(16),
    crashRestartMaxAttempts: z.int().min(0).max(20).describe('Automatic restarts allowed within the window before giving up'),
    crashRestartWindowMinutes: z.int().min(1).max(1440),
    logRetentionLines: z.int().min(100).max(100000).describe('Lines of log kept per instance'),
  })
  .meta({ id: 'ManagerSettings' });
export type ManagerSettings = z.infer<typeof ManagerSettings>;

const AbsolutePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => /^([A-Za-z]:[\\/]|\\\\|\/)/.test(p), 'Use an absolute path, e.g. C:\\ARK or /srv/ark');

export const ManagerSettingsPatch = z
  .strictObject({
    steamcmdPath: AbsolutePath.nullable(),
    dataRoot: AbsolutePath,
    bindHost: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')], { error: 'Use an IP address such as 127.0.0.1 or 0.0.0.0' }),
    port: ManagerSettings.shape.port,
    accessToken: z
      .string()
      .min(16, 'Use at least 16 characters')
      .max(256)
      .regex(/^[\x21-\x7e]+$/, 'Printable characters without spaces only')
      .nullable(),
    heartbeatIntervalSec: ManagerSettings.shape.heartbeatIntervalSec,
    jobConcurrency: ManagerSettings.shape.jobConcurrency,
    crashRestartMaxAttempts: ManagerSettings.shape.crashRestartMaxAttempts,
    crashRestartWindowMinutes: ManagerSettings.shape.crashRestartWindowMinutes,
    logRetentionLines: ManagerSettings.shape.logRetentionLines,
  })
  .partial()
  .meta({ id: 'ManagerSettingsPatch' });
export type ManagerSettingsPatch = z.infer<typeof ManagerSettingsPatch>;
