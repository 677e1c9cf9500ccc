import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateScheduleBody, UpdateScheduleBody } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import { FakeClock } from '../../test/helpers/fake-clock.ts';
import { scheduleTestStore, type ScheduleTestStore } from './scheduler/test-fixtures.ts';
import { SchedulesService } from './schedules-service.ts';

let t: ScheduleTestStore;
let clock: FakeClock;
let changed: string[];
let service: SchedulesService;
let instanceId: string;

beforeEach(() => {
  t = scheduleTestStore();
  clock = new FakeClock('2030-06-01T04:50:00Z');
  changed = [];
  service = new SchedulesService({
    repo: t.repo,
    pages: t.store.pages,
    clock,
    instance: (id) =>
      t.store.instances.get(id) ??
      (() => {
        throw AppError.notFound('Instance', id);
      })(),
    changed: (id) => changed.push(id),
    hostTimeZone: () => 'UTC',
  });
  instanceId = t.addInstance();
});
afterEach(() => t.close());

/** The body as the route's validation hands it over. */
const create = (body: Record<string, unknown>) => service.create(instanceId, CreateScheduleBody.parse(body));

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    const fields = (err as AppError).details as { fields: { field: string }[] } | undefined;
    return fields?.fields.map((f) => f.field) ?? [(err as AppError).code];
  }
  return [];
}

const bodyFields = (body: Record<string, unknown>) => {
  const parsed = CreateScheduleBody.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('SchedulesService', () => {
  it('creates a schedule with a description, the host zone and its next run', () => {
    const s = create({ action: 'RESTART', cron: '0 5 * * *', warningMinutes: [15, 5, 1], message: 'daily restart' });
    expect(s).toMatchObject({
      instanceId,
      description: 'At 05:00',
      enabled: true,
      timezone: 'UTC',
      onlyWhenEmpty: false,
      nextRunAt: '2030-06-01T05:00:00.000Z',
      lastRunAt: null,
      lastResult: null,
    });
    expect(changed).toEqual([s.id]);
    expect(service.list(instanceId).items).toEqual([s]);
  });

  it('sends the list as JSON, kept until a schedule of the instance changes', () => {
    const json = () => service.listJson(instanceId).toString();
    expect(json()).toBe(JSON.stringify({ items: [], nextCursor: null }));
    const s = create({ action: 'RESTART', cron: '0 5 * * *' });
    expect(json()).toBe(JSON.stringify(service.list(instanceId)));
    service.update(instanceId, s.id, UpdateScheduleBody.parse({ enabled: false }));
    expect(JSON.parse(json())).toMatchObject({ items: [{ id: s.id, enabled: false }] });
    service.delete(instanceId, s.id);
    expect(json()).toBe(JSON.stringify({ items: [], nextCursor: null }));
  });

  it('names the bad field: cron syntax (server side) and the contract’s rules', () => {
    expect(fieldsOf(() => create({ action: 'RESTART', cron: '0 5 * *' }))).toEqual(['cron']);
    expect(fieldsOf(() => create({ action: 'RESTART', cron: '0 5 31 2 *' }))).toEqual(['cron']);
    expect(bodyFields({ action: 'BROADCAST', cron: '0 5 * * *' })).toEqual(['message']);
    expect(bodyFields({ action: 'RCON', cron: '0 5 * * *' })).toEqual(['command']);
    expect(bodyFields({ action: 'RCON', cron: '0 5 * * *', command: 'SaveWorld\nDoExit' })).toEqual(['command']);
    expect(bodyFields({ action: 'RESTART', cron: '0 5 * * *', warningMinutes: [1, 5, 15] })).toEqual([
      'warningMinutes',
    ]);
    expect(bodyFields({ action: 'RESTART', cron: '0 5 * * *', warningMinutes: [121] })).toEqual(['warningMinutes.0']);
    expect(bodyFields({ action: 'RESTART', cron: '0 5 * * *', timezone: 'Mars/Olympus' })).toEqual(['timezone']);
    expect(
      bodyFields({ action: 'RESTART', cron: '0 5 * * *', updateWindow: { start: '04:00', end: '07:00' } }),
    ).toEqual(['updateWindow']);
    expect(bodyFields({ action: 'UPDATE', cron: '0 5 * * *', updateWindow: { start: '4:00', end: '07:00' } })).toEqual([
      'updateWindow.start',
    ]);
    expect(bodyFields({ action: 'UPDATE', cron: '0 5 * * *', updateWindow: { start: '07:00', end: '07:00' } })).toEqual(
      ['updateWindow.end'],
    );
    expect(bodyFields({ action: 'BACKUP', cron: '0 5 * * *', bogus: 1 })).toEqual(['']);
  });

  it('changes only the sent fields, recomputes the next run, and clears with null', () => {
    const s = create({
      action: 'UPDATE',
      cron: '*/30 * * * *',
      warningMinutes: [10],
      updateWindow: { start: '04:00', end: '07:00' },
    });
    expect(s.nextRunAt).toBe('2030-06-01T05:00:00.000Z');
    const off = service.update(instanceId, s.id, UpdateScheduleBody.parse({ enabled: false }));
    expect(off).toMatchObject({
      enabled: false,
      nextRunAt: null,
      warningMinutes: [10],
      updateWindow: { start: '04:00', end: '07:00' },
    });
    const on = service.update(
      instanceId,
      s.id,
      UpdateScheduleBody.parse({ enabled: true, cron: '0 6 * * *', updateWindow: null, timezone: 'Europe/Berlin' }),
    );
    expect(on).toMatchObject({
      enabled: true,
      nextRunAt: '2030-06-02T04:00:00.000Z',
      updateWindow: null,
      description: 'At 06:00',
    });
    expect(changed).toEqual([s.id, s.id, s.id]);
  });

  it('drops the fields the old action used when the action changes', () => {
    const s = create({ action: 'RCON', cron: '0 * * * *', command: 'SaveWorld' });
    const changedAction = service.update(
      instanceId,
      s.id,
      UpdateScheduleBody.parse({ action: 'BROADCAST', message: 'Hello' }),
    );
    expect(changedAction).toMatchObject({ action: 'BROADCAST', message: 'Hello', command: null });
    expect(fieldsOf(() => service.update(instanceId, s.id, UpdateScheduleBody.parse({ message: null })))).toEqual([
      'message',
    ]);
    expect(fieldsOf(() => service.update(instanceId, s.id, UpdateScheduleBody.parse({ cron: 'nope' })))).toEqual([
      'cron',
    ]);
  });

  it('answers 404 for an unknown schedule or one of another instance, and deletes', () => {
    const s = create({ action: 'BACKUP', cron: '0 3 * * *' });
    const other = t.addInstance();
    expect(fieldsOf(() => service.update(other, s.id, {}))).toEqual(['not-found']);
    expect(fieldsOf(() => service.delete(instanceId, crypto.randomUUID()))).toEqual(['not-found']);
    expect(fieldsOf(() => service.list(crypto.randomUUID()))).toEqual(['not-found']);
    service.delete(instanceId, s.id);
    expect(service.list(instanceId).items).toEqual([]);
  });
});
