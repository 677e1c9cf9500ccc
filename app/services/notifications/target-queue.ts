import type { NotificationDeliveryStats } from '@ark-asa/contracts';
import type { Clock } from '../../domain/clock.ts';
import { discordMessageOf, MAX_EMBEDS } from '../../domain/notification-embed.ts';
import { coalesceChat, coalescePlayers, type NotificationEvent } from '../../domain/notification-events.ts';
import { TokenBucket } from '../../domain/notification-rate-limit.ts';
import type { Logger } from '../../logger.ts';
import type { DeliveryOutcome, WebhookSend } from './discord-webhook.ts';

export interface QueueLimits {
  /** Requests sent at once before the rate applies (Discord: 5 per 2 s per webhook). */
  burst: number;
  /** Requests per minute on average (Discord: about 30 per webhook). */
  perMinute: number;
  /** Notifications waiting at most; beyond, the oldest are dropped and counted. */
  maxQueued: number;
  /** Notifications per request (Discord: 10 embeds per message). */
  perMessage: number;
}

export const DISCORD_LIMITS: QueueLimits = { burst: 5, perMinute: 30, maxQueued: 100, perMessage: MAX_EMBEDS };

export interface TargetQueueOptions {
  clock: Clock;
  sender: WebhookSend;
  logger: Logger;
  /** Read at each send, so a changed URL applies to what is already waiting. */
  webhookUrl: () => string;
  /** For logs: the target's id and name, never its URL. */
  label: { targetId: string; name: string };
  limits?: Partial<QueueLimits>;
}

interface Waiting {
  event: NotificationEvent;
  /** Set for "send test": the caller waits for the outcome. */
  done?: (outcome: DeliveryOutcome) => void;
}

const DROPPED: DeliveryOutcome = {
  delivered: false,
  status: null,
  message: 'Dropped: too many notifications were waiting',
};
const CLOSED: DeliveryOutcome = {
  delivered: false,
  status: null,
  message: 'Not sent: the target was removed or the manager is stopping',
};

/**
 * The outbox of one webhook. Pushing never blocks (the event bus calls it); one pump per target
 * sends in order under a token bucket, several notifications per request, so a burst is smoothed
 * and a slow or rate-limited webhook delays only itself.
 */
export class TargetQueue {
  private readonly limits: QueueLimits;
  private readonly bucket: TokenBucket;
  private readonly abort = new AbortController();
  private waiting: Waiting[] = [];
  private droppedSinceSent = 0;
  private pumping: Promise<void> | null = null;
  private readonly counters = {
    sent: 0,
    failed: 0,
    dropped: 0,
    lastSentAt: null as string | null,
    lastError: null as string | null,
  };

  constructor(private readonly opts: TargetQueueOptions) {
    this.limits = { ...DISCORD_LIMITS, ...opts.limits };
    this.bucket = new TokenBucket(this.limits.burst, this.limits.perMinute, opts.clock.now().getTime());
  }

  push(event: NotificationEvent, done?: (outcome: DeliveryOutcome) => void): void {
    if (this.abort.signal.aborted) return done?.(CLOSED);
    // Each target gets its own copy: coalescing edits the waiting one in place.
    const own: NotificationEvent = {
      ...event,
      players: event.players && { joined: [...event.players.joined], left: [...event.players.left] },
      chat: event.chat && [...event.chat],
    };
    if (!own.players) delete own.players;
    if (!own.chat) delete own.chat;
    const merged = !done && (coalescePlayers(this.pending(), own) || coalesceChat(this.pending(), own));
    if (!merged) this.waiting.push({ event: own, done });
    while (this.waiting.length > this.limits.maxQueued) {
      this.waiting.shift()?.done?.(DROPPED);
      this.counters.dropped++;
      this.droppedSinceSent++;
    }
    this.kick();
  }

  stats(): NotificationDeliveryStats {
    return { ...this.counters, queued: this.waiting.length };
  }

  /** Resolves when nothing is waiting or being sent (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  close(): void {
    this.abort.abort();
    for (const w of this.waiting.splice(0)) w.done?.(CLOSED);
  }

  private pending(): NotificationEvent[] {
    return this.waiting.filter((w) => !w.done).map((w) => w.event);
  }

  private kick(): void {
    if (this.pumping || this.abort.signal.aborted) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      // Something may have been pushed between the loop's last check and here.
      if (this.waiting.length) this.kick();
    });
  }

  private async pump(): Promise<void> {
    const { clock } = this.opts;
    while (this.waiting.length && !this.abort.signal.aborted) {
      const now = clock.now().getTime();
      if (!this.bucket.tryTake(now)) {
        try {
          await clock.sleep(this.bucket.waitMs(now), this.abort.signal);
        } catch {
          return;
        }
        continue;
      }
      await this.sendBatch(this.waiting.splice(0, this.limits.perMessage));
    }
  }

  private async sendBatch(batch: Waiting[]): Promise<void> {
    let outcome: DeliveryOutcome;
    // Drops that happen while this request is in flight go into the next message's note.
    const dropNote = this.droppedSinceSent;
    try {
      const message = discordMessageOf(
        batch.map((w) => w.event),
        dropNote,
      );
      outcome = await this.opts.sender.send(this.opts.webhookUrl(), message, this.abort.signal);
    } catch (err) {
      // Not the error's text: it could quote the URL.
      outcome = {
        delivered: false,
        status: null,
        message: `Not sent: ${err instanceof Error ? err.name : 'error'} in the manager`,
      };
    }
    if (outcome.delivered) {
      this.counters.sent++;
      this.counters.lastSentAt = this.opts.clock.now().toISOString();
      this.droppedSinceSent -= dropNote;
    } else {
      this.counters.failed++;
      this.counters.lastError = outcome.message;
      this.opts.logger.warn(
        { ...this.opts.label, status: outcome.status, reason: outcome.message },
        'Discord notification not delivered',
      );
    }
    for (const w of batch) w.done?.(outcome);
  }
}
