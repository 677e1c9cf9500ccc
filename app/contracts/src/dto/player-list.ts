import { z } from 'zod';
import { Id } from '../common.ts';

/**
 * The three id lists ARK reads from text files, one EOS id per line (docs/ark-facts.md#player-lists-and-admin-flags):
 * - `admins`: AllowedCheaterAccountIDs.txt, players who get admin rights without the password;
 * - `exclusive-join`: PlayersExclusiveJoinList.txt, who may join when -exclusivejoin is on;
 * - `join-no-check`: PlayersJoinNoCheckList.txt, who may join past the join checks (a full server).
 */
export const PLAYER_LISTS = ['admins', 'exclusive-join', 'join-no-check'] as const;
export const PlayerListName = z.enum(PLAYER_LISTS, { error: 'Use admins, exclusive-join or join-no-check' });
export type PlayerListName = z.infer<typeof PlayerListName>;

export const PlayerListParams = z.object({ id: Id, list: PlayerListName });

/** An ASA player id: the 32-hex EOS id that ListPlayers shows (ASE used SteamID64). */
export const EosId = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{32}$/, 'A player id is 32 hex characters (EOS id)');

export const PlayerListBody = z
  .strictObject({
    ids: z
      .array(EosId)
      .max(10_000)
      .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, 'Each id may appear only once'),
  })
  .meta({ id: 'PlayerListBody' });
export type PlayerListBody = z.infer<typeof PlayerListBody>;

export const PlayerIdList = z
  .object({
    list: PlayerListName,
    ids: z.array(z.string()),
    /** The file relative to the instance directory, for people who look at the disk. */
    file: z.string(),
    /** True while a server process runs: it read the list at start, so the change applies at the next one. */
    appliesAtNextStart: z.boolean(),
  })
  .meta({ id: 'PlayerIdList' });
export type PlayerIdList = z.infer<typeof PlayerIdList>;
