import type { InstanceSettings, Player } from '@ark-asa/contracts';
import type { ServerLogMarker } from '../../domain/server-log.ts';
import type { HostedProcess, ProcessExit } from '../process/process-host.ts';
import { RconClient } from '../rcon/rcon-client.ts';
import { diffPlayers } from '../../domain/players.ts';
import { rconDialHost } from '../../domain/rcon/rcon-address.ts';

type MarkerKind = ServerLogMarker['kind'];

/**
 * One run of a server process, from spawn (or adoption after a manager restart) to exit: the
 * process, the settings it was started with (a settings change applies at the next start), its
 * RCON session, the players the log says are online, and waiters for log markers.
 */
export class ServerRun {
  /** A stop was asked for (countdown included): an exit now is not a reason to restart. */
  stopIntent = false;
  /** Who is online: ListPlayers is the truth; join and leave log lines update it in between. */
  readonly players = new Map<string, Player>();
  /** Adopted after a manager restart: the first ListPlayers learns who is online without announcing anyone. */
  learnPlayersSilently = false;
  exit: ProcessExit | null = null;
  private rconClient: RconClient | null = null;
  private waiters: { kind: MarkerKind; resolve: () => void }[] = [];
  private readonly exitListeners: (() => void)[] = [];
  private resolveReady!: () => void;
  /** Resolves when the server advertises for join or answers RCON. */
  readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
  isReady = false;

  constructor(
    readonly instanceId: string,
    readonly process: HostedProcess,
    readonly settings: InstanceSettings,
    readonly startedAt: string,
    private readonly rconTimeoutMs = 10_000,
  ) {
    void process.exited.then((exit) => {
      this.exit = exit;
      for (const listener of this.exitListeners.splice(0)) listener();
    });
  }

  markReady(): void {
    this.isReady = true;
    this.resolveReady();
  }

  get alive(): boolean {
    return this.exit === null;
  }

  /** Replaces the players with a ListPlayers answer; returns who joined and left since the last view. */
  applyPlayerList(players: readonly Player[]): { joined: Player[]; left: Player[] } {
    const diff = diffPlayers(this.players.values(), players);
    this.players.clear();
    for (const p of players) this.players.set(p.platformId, p);
    if (!this.learnPlayersSilently) return diff;
    this.learnPlayersSilently = false;
    return { joined: [], left: [] };
  }

  /** Called for every parsed log line that carries a marker. */
  onMarker(marker: ServerLogMarker): void {
    if (marker.kind === 'player-joined') this.players.set(marker.player.platformId, marker.player);
    if (marker.kind === 'player-left') this.players.delete(marker.player.platformId);
    const ready = this.waiters.filter((w) => w.kind === marker.kind);
    this.waiters = this.waiters.filter((w) => w.kind !== marker.kind);
    for (const w of ready) w.resolve();
  }

  /** Resolves true when the marker appears, false after `timeoutMs` or when the process exits first. */
  waitForMarker(kind: MarkerKind, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (seen: boolean) => {
        clearTimeout(timer);
        resolve(seen);
      };
      this.waiters.push({ kind, resolve: () => done(true) });
      this.onExit(() => done(false));
    });
  }

  /** Resolves true when the process exits within `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<boolean> {
    if (!this.alive) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.onExit(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  onExit(listener: () => void): void {
    if (!this.alive) listener();
    else this.exitListeners.push(listener);
  }

  /** The RCON session: over loopback, or the MultiHome address the server bound to. */
  rcon(): RconClient {
    this.rconClient ??= new RconClient({
      host: rconDialHost(this.settings.extraQueryArgs),
      port: this.settings.rconPort,
      password: this.settings.adminPassword,
      timeoutMs: this.rconTimeoutMs,
    });
    return this.rconClient;
  }

  async closeRcon(): Promise<void> {
    const client = this.rconClient;
    this.rconClient = null;
    await client?.close().catch(() => undefined);
  }
}
