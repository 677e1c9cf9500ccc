import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobType, NotificationTarget } from '@ark-asa/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/helpers/fake-clock.ts';
import { FakeDiscord } from '../../../test/helpers/fake-discord.ts';
import { EventBus } from '../../events/event-bus.ts';
import { createLogger } from '../../logger.ts';
import { openDatabase } from '../../store/database.ts';
import { migrate } from '../../store/migrate.ts';
import { migration004 } from '../../store/migrations/004-mods-notifications.ts';
import { MIGRATIONS } from '../../store/migrations/index.ts';
import { NotificationsRepo, type NotificationTargetRecord } from '../../store/notifications-repo.ts';
import { PageCache } from '../../store/page-cache.ts';
import { DiscordWebhook } from './discord-webhook.ts';
import { NotificationDispatcher } from './notification-dispatcher.ts';
import { NotificationsService } from './notifications-service.ts';

const ISLAND = '11111111-1111-4111-8111-111111111111';
const CENTER = '22222222-2222-4222-8222-222222222222';
const JOB = '33333333-3333-4333-8333-333333333333';
const AT = '2025-03-01T12:00:00.000Z';

let discord: FakeDiscord;
let repo: NotificationsRepo;
let bus: EventBus;
let dispatcher: NotificationDispatcher;
let service: NotificationsService;
let jobType: JobType | 'throw' = 'BACKUP_INSTANCE';
let seq = 0;

function addTarget(name: string, over: Partial<NotificationTargetRecord>): NotificationTargetRecord {
  const target: NotificationTargetRecord = {
    id: `4444444${seq}-4444-4444-8444-444444444444`,
    name,
    type: 'discord',
    webhookUrl: `https://discord.com/api/webhooks/12345678901234567${seq++}/token_${name}_abcdefgh`,
    events: ['server-crashed'],
    instanceIds: null,
    enabled: true,
    createdAt: AT,
    updatedAt: AT,
    ...over,
  };
  repo.insert(target);
  dispatcher.reload();
  return target;
}

const crash = (instanceId = ISLAND) =>
  bus.publish('instance:status_changed', {
    instanceId,
    status: 'CRASHED',
    previousStatus: 'RUNNING',
    reason: 'exit code 3',
    changedAt: AT,
  });
const postsTo = (name: string) => discord.delivered().filter((p) => p.path.includes(`token_${name}_`));

beforeAll(async () => {
  discord = await FakeDiscord.start();
});
afterAll(() => discord.close());
beforeEach(() => {
  discord.posts.length = 0;
  const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'ark-dispatcher-')));
  migrate(db, [...MIGRATIONS.filter((m) => m.version !== 4), migration004]);
  repo = new NotificationsRepo(db);
  const logger = createLogger({ silent: true });
  const clock = new FakeClock(AT);
  bus = new EventBus(logger, true);
  dispatcher = new NotificationDispatcher({
    repo,
    clock,
    logger,
    sender: new DiscordWebhook({ clock, origin: discord.url }),
    subscribe: (listener) => bus.subscribe(listener),
    context: {
      instanceName: (id) => ({ [ISLAND]: 'Island', [CENTER]: 'Center' })[id] ?? null,
      job: (id) => {
        if (jobType === 'throw') throw new Error('store is gone');
        return id === JOB ? { type: jobType, instanceId: ISLAND } : null;
      },
    },
  });
  dispatcher.start();
  service = new NotificationsService({ repo, dispatcher, clock, pages: new PageCache(db) });
});

describe('notification dispatcher', () => {
  it('sends each event to the targets whose event and instance filters match', async () => {
    addTarget('crashes', { events: ['server-crashed'] });
    addTarget('starts', { events: ['server-started'] });
    addTarget('center', { events: ['server-crashed'], instanceIds: [CENTER] });
    addTarget('off', { events: ['server-crashed'], enabled: false });
    crash(ISLAND);
    await dispatcher.idle();
    expect(postsTo('crashes').map((p) => p.body.embeds?.[0]?.title)).toEqual(['Server crashed · Island']);
    expect(postsTo('crashes')[0]?.body.embeds?.[0]?.description).toBe('exit code 3');
    expect(postsTo('starts')).toEqual([]);
    expect(postsTo('center')).toEqual([]);
    expect(postsTo('off')).toEqual([]);
    crash(CENTER);
    await dispatcher.idle();
    expect(postsTo('center')).toHaveLength(1);
  });

  it('tells about failed backups and player joins', async () => {
    addTarget('all', { events: ['backup-failed', 'player-joined'] });
    bus.publish('job:failed', {
      jobId: JOB,
      jobRunId: null,
      error: { code: 'backup-failed', message: 'Disk full' },
      failedAt: AT,
    });
    bus.publish('instance:log', {
      instanceId: ISLAND,
      seq: 1,
      level: 'INFO',
      source: 'server',
      message:
        '2025.03.01_12.00.00: Rex Hunter [UniqueNetId:0002214a4a6742d9a347bd449b2dc143 Platform:None] joined this ARK!',
      timestamp: AT,
    });
    await dispatcher.idle();
    expect(discord.titles()).toEqual(['Backup failed · Island', 'Player joined · Island']);
  });

  it('never throws into the bus, whatever fails', async () => {
    addTarget('all', { events: ['backup-failed', 'server-crashed'] });
    jobType = 'throw';
    expect(() =>
      bus.publish('job:failed', { jobId: JOB, jobRunId: null, error: { code: 'x', message: 'y' }, failedAt: AT }),
    ).not.toThrow();
    jobType = 'BACKUP_INSTANCE';
    discord.reply({ status: 404 });
    expect(() => crash()).not.toThrow();
    await dispatcher.idle();
    expect(dispatcher.stats(repo.list()[0]!.id)).toMatchObject({ failed: 1, sent: 0 });
  });

  it('follows changes of the targets and stops listening when stopped', async () => {
    const t = addTarget('ops', { events: ['server-started'] });
    crash();
    repo.update({ ...t, events: ['server-crashed'] });
    dispatcher.reload();
    crash();
    await dispatcher.idle();
    expect(postsTo('ops')).toHaveLength(1);
    dispatcher.stop();
    crash();
    await dispatcher.idle();
    expect(postsTo('ops')).toHaveLength(1);
  });

  it('sends a test message on demand, even to a disabled target', async () => {
    const t = addTarget('quiet', { enabled: false });
    expect(await dispatcher.test(t)).toEqual({ delivered: true, status: 204, message: 'Delivered' });
    expect(postsTo('quiet')[0]?.body.embeds?.[0]).toMatchObject({
      title: 'Test notification',
      description: expect.stringContaining('quiet'),
    });
    expect(dispatcher.stats(t.id)).toMatchObject({ sent: 1 });
  });

  it('answers "send test" after its deadline while Discord is still being tried', async () => {
    const clock = new FakeClock(AT);
    const stuck = new NotificationDispatcher({
      repo,
      clock,
      logger: createLogger({ silent: true }),
      sender: { send: () => new Promise(() => undefined) },
      subscribe: () => () => undefined,
      context: { instanceName: () => null, job: () => null },
      testTimeoutMs: 5000,
    });
    const answer = stuck.test(addTarget('slow', {}));
    await clock.advance(5000);
    expect(await answer).toMatchObject({ delivered: false, message: expect.stringMatching(/keeps trying/) });
    stuck.stop();
  });

  it('keeps the target list as sent until a target or its delivery counters change', async () => {
    const sent = () => JSON.parse(service.listJson().toString()) as { items: NotificationTarget[] };
    const t = addTarget('crashes', { events: ['server-crashed'] });
    expect(service.listJson().toString()).toBe(JSON.stringify(service.list()));
    expect(service.listJson()).toBe(service.listJson());
    crash();
    await dispatcher.idle();
    expect(sent().items[0]!.delivery).toMatchObject({ sent: 1, failed: 0 });
    service.update(t.id, { name: 'all crashes' });
    expect(sent().items.map((i) => i.name)).toEqual(['all crashes']);
    service.delete(t.id);
    expect(sent().items).toEqual([]);
  });
});
