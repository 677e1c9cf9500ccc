import { randomUUID } from 'node:crypto';
import { SECRET_MASK } from '@ark-asa/contracts';
import {
  maskWebhookUrl,
  type CreateNotificationTargetBody,
  type NotificationTarget,
  type NotificationTestResult,
  type UpdateNotificationTargetBody,
} from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { isoNow, type Clock } from '../../domain/clock.ts';
import type { NotificationsRepo, NotificationTargetRecord } from '../../store/notifications-repo.ts';
import type { PageCache } from '../../store/page-cache.ts';
import type { NotificationDispatcher } from './notification-dispatcher.ts';

export interface NotificationsServiceDeps {
  repo: NotificationsRepo;
  dispatcher: NotificationDispatcher;
  clock: Clock;
  pages: PageCache;
}

/** Notification targets for the REST layer: the webhook URL goes in, only its host comes out. */
export class NotificationsService {
  constructor(private readonly deps: NotificationsServiceDeps) {}

  list(): { items: NotificationTarget[]; nextCursor: null } {
    return { items: this.deps.repo.list().map((t) => this.dto(t)), nextCursor: null };
  }

  /**
   * `list` as the JSON the REST route sends, kept while the targets' rows and their delivery counters
   * (in memory, hence in the key) are unchanged.
   */
  listJson(): Buffer {
    const key = `notification-targets:${this.deps.dispatcher.statsKey()}`;
    return this.deps.pages.get(key, ['notification_targets'], () => JSON.stringify(this.list()));
  }

  get(id: string): NotificationTarget {
    return this.dto(this.record(id));
  }

  create(body: CreateNotificationTargetBody): NotificationTarget {
    const now = isoNow(this.deps.clock);
    const record: NotificationTargetRecord = {
      id: randomUUID(),
      type: 'discord',
      ...body,
      createdAt: now,
      updatedAt: now,
    };
    this.deps.repo.insert(record);
    this.deps.dispatcher.reload();
    return this.dto(record);
  }

  update(id: string, patch: UpdateNotificationTargetBody): NotificationTarget {
    const current = this.record(id);
    const { webhookUrl, ...rest } = patch;
    // The masked URL a client was given, sent back unchanged, keeps the stored one.
    const keepUrl = webhookUrl === undefined || webhookUrl.includes(SECRET_MASK);
    const next: NotificationTargetRecord = {
      ...current,
      ...rest,
      webhookUrl: keepUrl ? current.webhookUrl : webhookUrl,
      updatedAt: isoNow(this.deps.clock),
    };
    this.deps.repo.update(next);
    this.deps.dispatcher.reload();
    return this.dto(next);
  }

  delete(id: string): void {
    if (!this.deps.repo.delete(id)) throw AppError.notFound('Notification target', id);
    this.deps.dispatcher.reload();
  }

  async test(id: string): Promise<NotificationTestResult> {
    const outcome = await this.deps.dispatcher.test(this.record(id));
    return { delivered: outcome.delivered, status: outcome.status, message: outcome.message };
  }

  private record(id: string): NotificationTargetRecord {
    const record = this.deps.repo.get(id);
    if (!record) throw AppError.notFound('Notification target', id);
    return record;
  }

  private dto(t: NotificationTargetRecord): NotificationTarget {
    return {
      id: t.id,
      name: t.name,
      type: t.type,
      webhookUrl: maskWebhookUrl(t.webhookUrl),
      events: t.events,
      instanceIds: t.instanceIds,
      enabled: t.enabled,
      delivery: this.deps.dispatcher.stats(t.id),
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    };
  }
}
