import type { Logger } from '../../logger.ts';

export interface RconPollerOptions {
  intervalMs: number;
  /** Poll now? Only while the run is RUNNING: a command before the server answers RCON only fails. */
  active(): boolean;
  /** The run is over (exited, replaced, the supervisor detached): the loop ends. */
  finished(): boolean;
  /** One poll: ask the server and act on the reply. A rejection is logged once per failure streak. */
  poll(): Promise<void>;
  /** What is asked, for the log ("GetChat", "ListPlayers"). */
  what: string;
  logger: Logger;
}

/**
 * Asks a running server something over RCON every few seconds. Polls never overlap (the RCON client
 * queues commands anyway, and a second one in flight would only split one answer in two). The timer
 * is real time, not the Clock: a compressed test clock would turn the interval into a flood.
 */
export class RconPoller {
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private failing = false;
  private stopped = false;

  constructor(private readonly opts: RconPollerOptions) {}

  start(): void {
    this.schedule();
  }

  /** Polls at once (after ServerChat, so the sent line shows without waiting a whole interval). */
  pollNow(): Promise<void> {
    this.inFlight ??= this.poll().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped || this.opts.finished()) return;
    this.timer = setTimeout(() => void this.pollNow().finally(() => this.schedule()), this.opts.intervalMs);
    // Never the reason the process stays up.
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.stopped || this.opts.finished() || !this.opts.active()) return;
    try {
      await this.opts.poll();
      this.failing = false;
    } catch (err) {
      // Once per failure streak: RCON down for a minute must not write twenty log entries.
      if (!this.failing) this.opts.logger.debug({ err }, `${this.opts.what} failed; trying again at the next poll`);
      this.failing = true;
    }
  }
}
