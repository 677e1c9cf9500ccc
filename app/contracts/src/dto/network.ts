import { z } from 'zod';
import { IsoDateTime } from '../common.ts';

/** Which firewall the manager talks to on this host (docs/visibility.md#firewall). */
export const FirewallBackend = z.enum(['windows', 'ufw', 'firewalld', 'none', 'fake']);
export type FirewallBackend = z.infer<typeof FirewallBackend>;

export const FirewallRule = z
  .object({
    name: z.string().describe('Stable rule name: "ARK ASA Manager - <instanceId> game (UDP <port>)"'),
    purpose: z.enum(['game', 'rcon']),
    protocol: z.enum(['UDP', 'TCP']),
    port: z.int().min(1).max(65535),
    present: z.boolean().describe('The firewall has an inbound allow rule for this port'),
    enabled: z.boolean().describe('The rule is present and enabled'),
  })
  .meta({ id: 'FirewallRule' });
export type FirewallRule = z.infer<typeof FirewallRule>;

export const FirewallState = z
  .object({
    instanceId: z.string(),
    backend: FirewallBackend,
    status: z
      .enum(['open', 'closed', 'partial', 'needs-admin', 'unavailable'])
      .describe('open: every wanted rule is present and enabled; needs-admin: changing rules needs elevation'),
    message: z.string().describe('One sentence for the user'),
    rules: z.array(FirewallRule),
    command: z
      .string()
      .nullable()
      .describe('The exact command an administrator can run to add the rules by hand, or null'),
  })
  .meta({ id: 'FirewallState' });
export type FirewallState = z.infer<typeof FirewallState>;

export const FirewallOpenBody = z
  .strictObject({
    openRcon: z
      .boolean()
      .default(false)
      .describe('Also open the RCON port (TCP) to the outside; off unless asked, RCON sends the admin password'),
    elevate: z
      .boolean()
      .default(false)
      .describe('Windows, not elevated: ask for administrator rights (a UAC prompt on the desktop) to add the rules'),
  })
  .meta({ id: 'FirewallOpenBody' });
export type FirewallOpenBody = z.infer<typeof FirewallOpenBody>;

export const VisibilityCheckId = z.enum(['process', 'listening', 'firewall', 'multihome', 'server-list']);
export type VisibilityCheckId = z.infer<typeof VisibilityCheckId>;

export const VisibilityCheck = z
  .object({
    id: VisibilityCheckId,
    status: z.enum(['pass', 'fail', 'warn', 'skip']),
    message: z.string().describe('What was found, in one sentence'),
    fix: z.string().nullable().describe('What to do about it, in one sentence; null when nothing is to do'),
  })
  .meta({ id: 'VisibilityCheck' });
export type VisibilityCheck = z.infer<typeof VisibilityCheck>;

/** What the public list says of the server (the fields the game's browser shows). */
export const ServerListEntry = z
  .object({
    name: z.string(),
    ip: z.string().nullable(),
    port: z.int().nullable(),
    map: z.string().nullable(),
    players: z.int().nullable(),
    maxPlayers: z.int().nullable(),
    platform: z.string().nullable(),
    buildId: z.string().nullable(),
    hasPassword: z.boolean().nullable(),
  })
  .meta({ id: 'ServerListEntry' });
export type ServerListEntry = z.infer<typeof ServerListEntry>;

export const VisibilityReport = z
  .object({
    instanceId: z.string(),
    checkedAt: IsoDateTime,
    visible: z.boolean().describe('Every check passed: players should find the server'),
    checks: z.array(VisibilityCheck),
    listUrl: z.string().nullable().describe('The server list that was read (the serverListUrl setting)'),
    listEntry: ServerListEntry.nullable().describe('The entry matched by session name and port, or null'),
    sameNameEntries: z.array(ServerListEntry).describe('Entries with the session name but another port (at most 5)'),
  })
  .meta({ id: 'VisibilityReport' });
export type VisibilityReport = z.infer<typeof VisibilityReport>;
