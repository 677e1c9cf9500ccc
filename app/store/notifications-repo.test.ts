import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { migration004 } from './migrations/004-mods-notifications.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { NotificationsRepo, type NotificationTargetRecord } from './notifications-repo.ts';

function openRepo(): NotificationsRepo {
  const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'ark-notify-repo-')));
  // Until the index lists 004, apply it here (after whatever the index has).
  migrate(db, [...MIGRATIONS.filter((m) => m.version !== 4), migration004]);
  return new NotificationsRepo(db);
}

const target: NotificationTargetRecord = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Ops channel',
  type: 'discord',
  webhookUrl: 'https://discord.com/api/webhooks/123456789012345678/secret-token_abcdef',
  events: ['server-crashed', 'server-started'],
  instanceIds: null,
  enabled: true,
  createdAt: '2025-03-01T12:00:00.000Z',
  updatedAt: '2025-03-01T12:00:00.000Z',
};

describe('NotificationsRepo', () => {
  it('stores, lists, updates and deletes targets with their filters', () => {
    const repo = openRepo();
    repo.insert(target);
    const second = {
      ...target,
      id: '22222222-2222-4222-8222-222222222222',
      createdAt: '2025-03-02T12:00:00.000Z',
      instanceIds: ['33333333-3333-4333-8333-333333333333'],
    };
    repo.insert(second);
    expect(repo.list()).toEqual([target, second]);
    repo.update({ ...target, enabled: false, events: ['backup-failed'], updatedAt: '2025-03-03T12:00:00.000Z' });
    expect(repo.get(target.id)).toMatchObject({
      enabled: false,
      events: ['backup-failed'],
      createdAt: target.createdAt,
    });
    expect(repo.delete(target.id)).toBe(true);
    expect(repo.delete(target.id)).toBe(false);
    expect(repo.get(target.id)).toBeNull();
    expect(repo.list()).toEqual([second]);
  });
});
