import type { Player } from '@ark-asa/contracts';

// `<index>. <name>, <id>`: the name may itself hold commas and spaces, so the id is whatever
// follows the last comma (asa-facts §4.3).
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
