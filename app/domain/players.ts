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

/** Who joined and who left between two views of the players online (by platform id). */
export function diffPlayers(before: Iterable<Player>, now: readonly Player[]): { joined: Player[]; left: Player[] } {
  const was = new Map([...before].map((p) => [p.platformId, p]));
  const is = new Set(now.map((p) => p.platformId));
  return {
    joined: now.filter((p) => !was.has(p.platformId)),
    left: [...was.values()].filter((p) => !is.has(p.platformId)),
  };
}

const PRESENCE_LINE = /^Player (joined|left): (.+) \(seen by ListPlayers\)$/;

/**
 * The manager's own log line for a join or leave that ListPlayers showed and the server log did
 * not (not every build or language writes join lines). Notifications read it back with
 * parsePresenceLine, so the two must stay together.
 */
export function presenceLine(kind: 'joined' | 'left', player: Player): string {
  return `Player ${kind}: ${player.name} (seen by ListPlayers)`;
}

export function parsePresenceLine(message: string): { kind: 'joined' | 'left'; name: string } | null {
  const m = PRESENCE_LINE.exec(message);
  return m ? { kind: m[1] as 'joined' | 'left', name: m[2]! } : null;
}
