import { z } from 'zod';
import { Id, IsoDateTime } from '../common.ts';

export const LogLevel = z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']);
export type LogLevel = z.infer<typeof LogLevel>;

/**
 * server: ShooterGame.log; manager: what the manager did to the server; steamcmd: SteamCMD output;
 * chat: in-game chat read with RCON GetChat (added later: clients must accept sources they do not know);
 * asaapi: AsaApi's own log (ShooterGame/Binaries/Win64/logs/ArkApi_*.log), docs/asa-api.md.
 */
export const LogSource = z.enum(['server', 'manager', 'steamcmd', 'chat', 'asaapi']);
export type LogSource = z.infer<typeof LogSource>;

export const LogEntry = z
  .object({
    seq: z.int().nonnegative().describe('Increases with every stored line of an instance; page with ?before='),
    instanceId: Id,
    timestamp: IsoDateTime,
    level: LogLevel,
    source: LogSource,
    message: z.string(),
  })
  .meta({ id: 'LogEntry' });
export type LogEntry = z.infer<typeof LogEntry>;

export const LogListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  before: z.coerce.number().int().positive().optional(),
});
export type LogListQuery = z.infer<typeof LogListQuery>;
