import { z } from 'zod';
import { Id, hasControlCharacter } from '../common.ts';

/**
 * The one rule for an access token, wherever it comes from (settings, `--token`, the desktop
 * shell): long enough not to be guessed through the rate limit, and safe in a header and a URL.
 */
export const AccessToken = z
  .string()
  .min(16, 'Use at least 16 characters')
  .max(256, 'Use at most 256 characters')
  .regex(/^[\x21-\x7e]+$/, 'Printable characters without spaces only');

/**
 * What runs ArkAscendedServer.exe (a Windows program) on a Linux host: Proton (GE-Proton; `path` is
 * its folder or the `proton` script in it) or Wine (`path` is the `wine` program). See
 * docs/linux-hosts.md.
 */
export const LinuxRunner = z
  .strictObject({
    kind: z.enum(['proton', 'wine']),
    path: z
      .string()
      .min(1)
      .max(1024)
      .refine((p) => p.startsWith('/'), 'Use an absolute Linux path, e.g. /opt/GE-Proton9-20 or /usr/bin/wine')
      .refine((p) => !hasControlCharacter(p), 'Must not contain control characters (line breaks, tabs)'),
  })
  .meta({ id: 'LinuxRunner' });
export type LinuxRunner = z.infer<typeof LinuxRunner>;

/** Wildcard's list of unofficial ASA servers, the public mirror of the game's browser (docs/visibility.md). */
export const DEFAULT_SERVER_LIST_URL = 'https://cdn2.arkdedicated.com/servers/asa/unofficialserverlist.json';

export const ServerListUrl = z
  .string()
  .max(2048)
  .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), 'Use an http:// or https:// address');

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
    linuxRunner: LinuxRunner.nullable()
      .default(null)
      .describe('Linux only: what runs the Windows ArkAscendedServer.exe (Proton or Wine); null: none set'),
    serverListUrl: ServerListUrl.default(DEFAULT_SERVER_LIST_URL).describe(
      "The public server list the visibility check reads (Wildcard's unofficial ASA list; docs/visibility.md)",
    ),
  })
  .meta({ id: 'ManagerSettings' });
export type ManagerSettings = z.infer<typeof ManagerSettings>;

/** An absolute path on Windows or POSIX (the host may not be the one the control plane runs on). */
export const AbsolutePath = z
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
    linuxRunner: LinuxRunner.nullable(),
    serverListUrl: ServerListUrl,
  })
  .partial()
  .meta({ id: 'ManagerSettingsPatch' });
export type ManagerSettingsPatch = z.infer<typeof ManagerSettingsPatch>;

/** `POST /api/v1/settings/data-root-check`: the data root to look at (default: the current one). */
export const DataRootCheckRequest = z
  .strictObject({
    dataRoot: AbsolutePath.optional(),
    agentId: Id.optional().describe('The host whose disks to check (default: this PC)'),
  })
  .meta({ id: 'DataRootCheckRequest' });
export type DataRootCheckRequest = z.infer<typeof DataRootCheckRequest>;

export const PathWarning = z
  .object({
    code: z.enum(['path-too-long', 'no-hard-links', 'network-drive']),
    message: z.string(),
  })
  .meta({ id: 'PathWarning' });
export type PathWarning = z.infer<typeof PathWarning>;

/** What would go wrong with server files under a data root, checked before the first install (docs/paths.md). */
export const DataRootCheck = z
  .object({
    dataRoot: z.string(),
    longestPathChars: z.int().describe('About how long the longest server file path under this data root would be'),
    maxDataRootChars: z.int().describe("The longest data root whose server files stay within Windows' path limit"),
    warnings: z.array(PathWarning).describe('Empty when nothing is wrong'),
  })
  .meta({ id: 'DataRootCheck' });
export type DataRootCheck = z.infer<typeof DataRootCheck>;
