import type { Player } from '@ark-asa/contracts';

// `<index>. <name>, <id>`: the name may itself hold commas and spaces, so the id is whatever
// follows the last comma (docs/ark-facts.md#rcon-commands).
const PLAYER_LINE = /^\d+\.\s(.*),\s*([0-9A-Za-z]+)$/;

/**
 * Reads the RCON `ListPlayers` reply. `No Players Connected` and anything that is not a player
 * line (ASE's blank first line, the trailing ` \n`, `Server received, But no response!!`) give no
 * entries, so an odd reply degrades to an empty list instead of an error.
 */
export function parseListPlayers(reply: string): Player[] {
  const players: Player[] = [];
  for (const raw of reply.split(/\r\n|\n|\r/)) {
    const match = PLAYER_LINE.exec(raw.trim());
    if (match) players.push({ name: match[1]!, platformId: match[2]! });
  }
  return players;
}

/** A ListPlayers reply read strictly: the players, or why the count is unknown. */
export type PlayerCount = { known: true; players: Player[] } | { known: false; reason: string };

/**
 * Reads a ListPlayers reply for decisions that must not guess ("only when nobody is online"): an
 * empty server says `No Players Connected`, so a reply with neither that nor a player line (the
 * generic `Server received, But no response!!`, an empty or cut reply) leaves the count unknown.
 */
export function readPlayerCount(reply: string): PlayerCount {
  const players = parseListPlayers(reply);
  if (players.length > 0 || /no players connected/i.test(reply)) return { known: true, players };
  const shown = reply.trim().slice(0, 80);
  return { known: false, reason: `ListPlayers gave no player list${shown ? ` ("${shown}")` : ' (an empty reply)'}` };
}
