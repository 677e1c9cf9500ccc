import type { WSEvent } from '@ark-asa/contracts';
import type { NotificationDeliveryStats, NotificationEventKind } from '@ark-asa/contracts';
import type { Clock } from '../../domain/clock.ts';
import { notificationOf, type NotificationContext, type NotificationEvent } from '../../domain/notification-events.ts';
import type { Logger } from '../../logger.ts';
import type { NotificationsRepo, NotificationTargetRecord } from '../../store/notifications-repo.ts';
import type { DeliveryOutcome, WebhookSend } from './discord-webhook.ts';
import { TargetQueue, type QueueLimits } from './target-queue.ts';

export interface NotificationDispatcherDeps {
  repo: NotificationsRepo;
  clock: Clock;
  logger: Logger;
  sender: WebhookSend;
  context: NotificationContext;
  /** The event bus's subscribe. */
  subscribe(listener: (event: WSEvent) => void): () => void;
  limits?: Partial<QueueLimits>;
  /** "Send test" answers after at most this long, even while Discord is still being retried (default 20 s). */
  testTimeoutMs?: number;
}

const EMPTY_STATS: NotificationDeliveryStats = {
  sent: 0,
  failed: 0,
  dropped: 0,
  queued: 0,
  lastSentAt: null,
  lastError: null,
};

/**
 * Listens to the event bus, turns events into notifications and hands each to the queue of every
 * target that wants it. The listener only maps and enqueues: delivery runs in the queues, so a slow
 * Discord never holds up the bus, and a failure is logged there, never thrown into it. Targets are
 * held in memory (a log line must not cost a query) and re-read after every change.
 */
export class NotificationDispatcher {
  private targets: NotificationTargetRecord[] = [];
  private readonly queues = new Map<string, TargetQueue>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: NotificationDispatcherDeps) {}

  start(): void {
    if (this.unsubscribe) return;
    this.reload();
    this.unsubscribe = this.deps.subscribe((event) => this.onEvent(event));
  }

  /** Stops listening; what is still waiting is dropped (notifications are not worth delaying a shutdown). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const queue of this.queues.values()) queue.close();
    this.queues.clear();
  }

  /** Re-reads the targets (after a create, change or delete); queues of removed targets are closed. */
  reload(): void {
    this.targets = this.deps.repo.list();
    const ids = new Set(this.targets.map((t) => t.id));
    for (const [id, queue] of this.queues) {
      if (ids.has(id)) continue;
      queue.close();
      this.queues.delete(id);
    }
  }

  /** Sends a notification to every enabled target whose filters match (the mod check calls this too). */
  notify(event: NotificationEvent): void {
    const { kind, instanceId } = event;
    if (kind === 'test') return;
    for (const target of this.targets) {
      if (wants(target, kind, instanceId)) this.queueOf(target).push(event);
    }
  }

  /** "Send test": one message through the target's queue (its rate limit applies), awaited. */
  async test(target: NotificationTargetRecord): Promise<DeliveryOutcome> {
    const event: NotificationEvent = {
      kind: 'test',
      instanceId: null,
      instanceName: null,
      at: this.deps.clock.now().toISOString(),
      detail: `Notifications from the ARK server manager will arrive here ("${target.name}").`,
    };
    const delivery = new Promise<DeliveryOutcome>((resolve) => this.queueOf(target).push(event, resolve));
    // A button press should not hang through a minute of retries: answer, and let the retries go on.
    const deadline = new AbortController();
    const late = this.deps.clock
      .sleep(this.deps.testTimeoutMs ?? 20_000, deadline.signal)
      .then((): DeliveryOutcome => ({
        delivered: false,
        status: null,
        message: 'Discord has not taken it yet; the manager keeps trying',
      }))
      .catch(() => null);
    try {
      return (await Promise.race([delivery, late])) ?? (await delivery);
    } finally {
      deadline.abort();
    }
  }

  stats(targetId: string): NotificationDeliveryStats {
    return this.queues.get(targetId)?.stats() ?? EMPTY_STATS;
  }

  /** Every queue's counters as one text: it changes whenever a target's delivery stats do. */
  statsKey(): string {
    return JSON.stringify([...this.queues].map(([id, queue]) => [id, queue.stats()]));
  }

  /** Resolves when every queue is idle (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.idle()));
  }

  private onEvent(event: WSEvent): void {
    if (!this.targets.some((t) => t.enabled)) return;
    try {
      const notification = notificationOf(event, this.deps.context);
      if (notification) this.notify(notification);
    } catch (err) {
      this.deps.logger.error({ err, event: event.event }, 'could not turn an event into a notification');
    }
  }

  private queueOf(target: NotificationTargetRecord): TargetQueue {
    let queue = this.queues.get(target.id);
    if (!queue) {
      queue = new TargetQueue({
        clock: this.deps.clock,
        sender: this.deps.sender,
        logger: this.deps.logger,
        webhookUrl: () => this.targets.find((t) => t.id === target.id)?.webhookUrl ?? target.webhookUrl,
        label: { targetId: target.id, name: target.name },
        limits: this.deps.limits,
      });
      this.queues.set(target.id, queue);
    }
    return queue;
  }
}

function wants(target: NotificationTargetRecord, kind: NotificationEventKind, instanceId: string | null): boolean {
  if (!target.enabled || !target.events.includes(kind)) return false;
  return target.instanceIds === null || (instanceId !== null && target.instanceIds.includes(instanceId));
}
