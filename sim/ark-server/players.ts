// Simulated players: joins/leaves scheduled by the control file, kicks and bans from RCON.
import type { ServerSimPlayer } from './control.ts';

export interface OnlinePlayer {
  name: string;
  id: string;
  platform: string;
}

export interface RosterEvents {
  joined(player: OnlinePlayer): void;
  left(player: OnlinePlayer): void;
}

type Phase = 'joined' | 'left';

export class PlayerRoster {
  private readonly online = new Map<string, OnlinePlayer>();
  private readonly phase = new Map<string, Phase>();
  private readonly banned = new Set<string>();

  constructor(private readonly events: RosterEvents) {}

  /** Applies the schedule: `sinceReadySec` is the time since the server started advertising. */
  tick(sinceReadySec: number, schedule: readonly ServerSimPlayer[]): void {
    for (const p of schedule) {
      const key = p.id.toLowerCase();
      const phase = this.phase.get(key);
      if (phase === undefined && sinceReadySec >= p.joinAfterSec && !this.banned.has(key)) {
        this.join({ name: p.name, id: p.id, platform: p.platform ?? 'None' });
      }
      const leaveAt = p.leaveAfterSec ?? null;
      if (this.phase.get(key) === 'joined' && leaveAt !== null && sinceReadySec >= leaveAt) this.leave(key);
    }
  }

  private join(player: OnlinePlayer): void {
    const key = player.id.toLowerCase();
    this.online.set(key, player);
    this.phase.set(key, 'joined');
    this.events.joined(player);
  }

  private leave(key: string): boolean {
    const player = this.online.get(key);
    if (!player) return false;
    this.online.delete(key);
    this.phase.set(key, 'left');
    this.events.left(player);
    return true;
  }

  /** KickPlayer: the player leaves; a scheduled player does not come back in this run. */
  kick(id: string): boolean {
    return this.leave(id.toLowerCase());
  }

  /** BanPlayer: kicked, and a banned id cannot join until unbanned. */
  ban(id: string): void {
    this.banned.add(id.toLowerCase());
    this.kick(id);
  }

  unban(id: string): boolean {
    return this.banned.delete(id.toLowerCase());
  }

  list(): OnlinePlayer[] {
    return [...this.online.values()];
  }
}

/** `0. Name, <32-hex EOS id>` lines, or `No Players Connected` (docs/ark-facts.md#rcon-commands). */
export function listPlayersText(players: readonly OnlinePlayer[]): string {
  if (players.length === 0) return 'No Players Connected';
  return players.map((p, i) => `${i}. ${p.name}, ${p.id}`).join('\n');
}
