import type { NotificationEventKind } from '@ark-asa/contracts';
import type { Db } from './database.ts';

/** A target as stored: unlike the DTO it holds the webhook URL (a secret) in clear. */
export interface NotificationTargetRecord {
  id: string;
  name: string;
  type: 'discord';
  webhookUrl: string;
  events: NotificationEventKind[];
  /** null: every instance. */
  instanceIds: string[] | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

interface TargetRow {
  id: string;
  name: string;
  type: 'discord';
  webhook_url: string;
  events: string;
  instance_ids: string | null;
  enabled: number;
  created_at: string;
  updated_at: string;
}

const toRecord = (r: TargetRow): NotificationTargetRecord => ({
  id: r.id,
  name: r.name,
  type: r.type,
  webhookUrl: r.webhook_url,
  events: JSON.parse(r.events) as NotificationEventKind[],
  instanceIds: r.instance_ids === null ? null : (JSON.parse(r.instance_ids) as string[]),
  enabled: r.enabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toParams = (t: NotificationTargetRecord) => ({
  ...t,
  events: JSON.stringify(t.events),
  instanceIds: t.instanceIds === null ? null : JSON.stringify(t.instanceIds),
  enabled: t.enabled ? 1 : 0,
});

export class NotificationsRepo {
  constructor(private readonly db: Db) {}

  list(): NotificationTargetRecord[] {
    return (this.db.prepare('SELECT * FROM notification_targets ORDER BY created_at, id').all() as TargetRow[]).map(
      toRecord,
    );
  }

  get(id: string): NotificationTargetRecord | null {
    const row = this.db.prepare('SELECT * FROM notification_targets WHERE id = ?').get(id) as TargetRow | undefined;
    return row ? toRecord(row) : null;
  }

  insert(t: NotificationTargetRecord): void {
    this.db
      .prepare(
        `INSERT INTO notification_targets (id, name, type, webhook_url, events, instance_ids, enabled, created_at, updated_at)
         VALUES (@id, @name, @type, @webhookUrl, @events, @instanceIds, @enabled, @createdAt, @updatedAt)`,
      )
      .run(toParams(t));
  }

  update(t: NotificationTargetRecord): void {
    this.db
      .prepare(
        `UPDATE notification_targets SET name = @name, webhook_url = @webhookUrl, events = @events,
           instance_ids = @instanceIds, enabled = @enabled, updated_at = @updatedAt
         WHERE id = @id`,
      )
      .run(toParams(t));
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM notification_targets WHERE id = ?').run(id).changes > 0;
  }
}
