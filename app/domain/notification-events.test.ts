import type { JobType, WSEvent } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import {
  coalescePlayers,
  notificationOf,
  type NotificationContext,
  type NotificationEvent,
} from './notification-events.ts';
import { presenceLine } from './players.ts';

const INSTANCE = '11111111-1111-4111-8111-111111111111';
const JOB = '22222222-2222-4222-8222-222222222222';
const RUN = '33333333-3333-4333-8333-333333333333';
const AT = '2025-03-01T12:00:00.000Z';

function ctx(jobType: JobType | null = null): NotificationContext {
  return {
    instanceName: (id) => (id === INSTANCE ? 'Island PvE' : null),
    job: (id) => (id === JOB && jobType ? { type: jobType, instanceId: INSTANCE } : null),
  };
}

const status = (s: string, previousStatus?: string, reason?: string): WSEvent =>
  ({
    event: 'instance:status_changed',
    data: { instanceId: INSTANCE, status: s, previousStatus, reason, changedAt: AT },
  }) as WSEvent;
const logLine = (message: string, source = 'server'): WSEvent =>
  ({
    event: 'instance:log',
    data: { instanceId: INSTANCE, seq: 1, level: 'INFO', source, message, timestamp: AT },
  }) as WSEvent;
const completed = (result: unknown): WSEvent => ({
  event: 'job:completed',
  data: { jobId: JOB, jobRunId: RUN, result, completedAt: AT },
});
const failed: WSEvent = {
  event: 'job:failed',
  data: { jobId: JOB, jobRunId: RUN, error: { code: 'backup-failed', message: 'Disk full' }, failedAt: AT },
};
const JOIN =
  '2025.03.01_12.00.00: Rex Hunter [UniqueNetId:0002214a4a6742d9a347bd449b2dc143 Platform:None] joined this ARK!';
const LEAVE =
  '2025.03.01_12.05.00: Rex Hunter [UniqueNetId:0002214a4a6742d9a347bd449b2dc143 Platform:None] left this ARK!';

describe('event → notification', () => {
  it('maps status changes to started, stopped and crashed (with the reason)', () => {
    expect(notificationOf(status('RUNNING', 'STARTING'), ctx())).toEqual({
      kind: 'server-started',
      instanceId: INSTANCE,
      instanceName: 'Island PvE',
      at: AT,
      detail: null,
    });
    expect(notificationOf(status('STOPPED', 'STOPPING'), ctx())?.kind).toBe('server-stopped');
    expect(
      notificationOf(status('CRASHED', 'RUNNING', 'The server exited unexpectedly (exit code 3)'), ctx()),
    ).toMatchObject({
      kind: 'server-crashed',
      detail: 'The server exited unexpectedly (exit code 3)',
    });
  });

  it('ignores status changes that are no start, stop or crash', () => {
    for (const e of [status('STARTING', 'STOPPED'), status('STOPPING', 'RUNNING'), status('UPDATING', 'STOPPED')]) {
      expect(notificationOf(e, ctx())).toBeNull();
    }
    // The middle of an update and the end of an install are not "stopped".
    expect(notificationOf(status('STOPPED', 'UPDATING'), ctx())).toBeNull();
    expect(notificationOf(status('STOPPED', 'NOT_INSTALLED'), ctx())).toBeNull();
  });

  it('maps a completed UPDATE_INSTANCE that changed the build to "updated", from → to', () => {
    const n = notificationOf(
      completed({ instanceId: INSTANCE, fromBuildId: '100', toBuildId: '200', changed: true }),
      ctx('UPDATE_INSTANCE'),
    );
    expect(n).toMatchObject({ kind: 'server-updated', instanceId: INSTANCE, detail: 'Build 100 → 200' });
    expect(
      notificationOf(completed({ changed: false, fromBuildId: '200', toBuildId: '200' }), ctx('UPDATE_INSTANCE')),
    ).toBeNull();
    expect(notificationOf(completed({ changed: true }), ctx('INSTALL_BUILD'))).toBeNull();
    expect(notificationOf(completed(null), ctx('UPDATE_INSTANCE'))).toBeNull();
  });

  it('maps a failed BACKUP_INSTANCE to "backup failed" with its error, and no other failed job', () => {
    expect(notificationOf(failed, ctx('BACKUP_INSTANCE'))).toMatchObject({
      kind: 'backup-failed',
      detail: 'Disk full',
      instanceName: 'Island PvE',
    });
    expect(notificationOf(failed, ctx('START_INSTANCE'))).toBeNull();
    expect(notificationOf(failed, ctx(null))).toBeNull();
  });

  it('maps join and leave lines of the server log to player notifications', () => {
    expect(notificationOf(logLine(JOIN), ctx())).toMatchObject({
      kind: 'player-joined',
      players: { joined: ['Rex Hunter'], left: [] },
    });
    expect(notificationOf(logLine(LEAVE), ctx())).toMatchObject({
      kind: 'player-left',
      players: { joined: [], left: ['Rex Hunter'] },
    });
  });

  it('maps the joins and leaves ListPlayers showed (manager lines) to player notifications', () => {
    const ann = { name: 'Ann', platformId: 'b2' };
    expect(notificationOf(logLine(presenceLine('joined', ann), 'manager'), ctx())).toMatchObject({
      kind: 'player-joined',
      players: { joined: ['Ann'], left: [] },
    });
    expect(notificationOf(logLine(presenceLine('left', ann), 'manager'), ctx())).toMatchObject({
      kind: 'player-left',
      players: { joined: [], left: ['Ann'] },
    });
  });

  it('takes only server lines with a join or leave marker', () => {
    expect(notificationOf(logLine(JOIN, 'manager'), ctx())).toBeNull();
    expect(notificationOf(logLine('Server has completed startup and is now advertising for join.'), ctx())).toBeNull();
  });

  it('ignores the other events', () => {
    const e: WSEvent = { event: 'instance:deleted', data: { instanceId: INSTANCE, deletedAt: AT } };
    expect(notificationOf(e, ctx())).toBeNull();
  });
});

describe('coalescing joins and leaves', () => {
  const player = (kind: 'player-joined' | 'player-left', name: string, instanceId = INSTANCE): NotificationEvent => ({
    kind,
    instanceId,
    instanceName: 'Island PvE',
    at: AT,
    detail: null,
    players: kind === 'player-joined' ? { joined: [name], left: [] } : { joined: [], left: [name] },
  });

  it('merges a join or leave into a waiting one of the same instance', () => {
    const waiting = [player('player-joined', 'A')];
    expect(coalescePlayers(waiting, player('player-joined', 'B'))).toBe(true);
    expect(coalescePlayers(waiting, player('player-left', 'C'))).toBe(true);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.players).toEqual({ joined: ['A', 'B'], left: ['C'] });
  });

  it('does not merge across instances nor into other kinds', () => {
    const crash: NotificationEvent = {
      kind: 'server-crashed',
      instanceId: INSTANCE,
      instanceName: null,
      at: AT,
      detail: 'x',
    };
    const waiting = [crash, player('player-joined', 'A', '44444444-4444-4444-8444-444444444444')];
    expect(coalescePlayers(waiting, player('player-joined', 'B'))).toBe(false);
    expect(coalescePlayers(waiting, crash)).toBe(false);
  });
});
