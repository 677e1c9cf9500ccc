import { randomUUID } from 'node:crypto';
import type { FieldError } from '@ark-asa/contracts';
import { CreateScheduleBody, SCHEDULE_FIELD_USES, type Schedule, type UpdateScheduleBody } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import { isoNow, type Clock } from '../domain/clock.ts';
import { cronProblem, describeCron, hostTimeZone, nextRunAfter } from '../domain/schedule-cron.ts';
import type { PageCache } from '../store/page-cache.ts';
import type { ScheduleRecord, SchedulesRepo } from '../store/schedules-repo.ts';

export interface SchedulesServiceDeps {
  repo: SchedulesRepo;
  /** The store's kept list pages (Store.pages). */
  pages: PageCache;
  clock: Clock;
  /** Throws not-found for an unknown instance (InstancesService.record). */
  instance(instanceId: string): unknown;
  /** Tells the scheduler a schedule was created, changed or removed. */
  changed(scheduleId: string): void;
  /** Zone of a schedule created without one (default: this machine's). */
  hostTimeZone?: () => string;
}

export type ScheduleDefinition = Pick<
  ScheduleRecord,
  | 'action'
  | 'cron'
  | 'enabled'
  | 'message'
  | 'command'
  | 'warningMinutes'
  | 'onlyWhenEmpty'
  | 'timezone'
  | 'updateWindow'
>;

export function toScheduleDto(r: ScheduleRecord): Schedule {
  return {
    id: r.id,
    instanceId: r.instanceId,
    action: r.action,
    cron: r.cron,
    description: describeCron(r.cron),
    enabled: r.enabled,
    message: r.message,
    command: r.command,
    warningMinutes: r.warningMinutes,
    onlyWhenEmpty: r.onlyWhenEmpty,
    timezone: r.timezone,
    updateWindow: r.updateWindow,
    nextRunAt: r.nextRunAt,
    lastRunAt: r.lastRunAt,
    lastResult: r.lastResult,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The schedules of an instance for the REST layer: validated, stored, and handed to the scheduler. */
export class SchedulesService {
  constructor(private readonly deps: SchedulesServiceDeps) {}

  /**
   * The instance is read only when it has no schedule: a schedule row exists only while its instance
   * does (foreign key, ON DELETE CASCADE), and reading the record (its settings parsed) on every list
   * cost more than the list.
   */
  list(instanceId: string): { items: Schedule[]; nextCursor: null } {
    const rows = this.deps.repo.listForInstance(instanceId);
    if (rows.length === 0) this.deps.instance(instanceId);
    return { items: rows.map(toScheduleDto), nextCursor: null };
  }

  /** `list` as the JSON the REST route sends, kept while the instance's schedules are unchanged. */
  listJson(instanceId: string): Buffer {
    const build = () => JSON.stringify(this.list(instanceId));
    return this.deps.pages.get(`schedules:${instanceId}`, ['schedules', 'instances'], build);
  }

  create(instanceId: string, body: CreateScheduleBody): Schedule {
    this.deps.instance(instanceId);
    const now = isoNow(this.deps.clock);
    const definition = this.checked({
      action: body.action,
      cron: body.cron,
      enabled: body.enabled,
      message: body.message ?? null,
      command: body.command ?? null,
      warningMinutes: body.warningMinutes ?? null,
      onlyWhenEmpty: body.onlyWhenEmpty,
      timezone: body.timezone ?? this.hostZone(),
      updateWindow: body.updateWindow ?? null,
    });
    const record: ScheduleRecord = {
      id: randomUUID(),
      instanceId,
      ...definition,
      nextRunAt: this.nextRunAt(definition),
      lastRunAt: null,
      lastResult: null,
      skipBuildId: null,
      createdAt: now,
      updatedAt: now,
    };
    this.deps.repo.insert(record);
    this.deps.changed(record.id);
    return toScheduleDto(record);
  }

  update(instanceId: string, scheduleId: string, patch: UpdateScheduleBody): Schedule {
    const current = this.owned(instanceId, scheduleId);
    const definition = this.checked(merge(current, patch, this.hostZone()));
    const record: ScheduleRecord = {
      ...current,
      ...definition,
      nextRunAt: this.nextRunAt(definition),
      updatedAt: isoNow(this.deps.clock),
    };
    this.deps.repo.updateDefinition(record);
    this.deps.changed(scheduleId);
    return toScheduleDto(this.deps.repo.get(scheduleId) ?? record);
  }

  delete(instanceId: string, scheduleId: string): void {
    this.owned(instanceId, scheduleId);
    this.deps.repo.delete(scheduleId);
    this.deps.changed(scheduleId);
  }

  private owned(instanceId: string, scheduleId: string): ScheduleRecord {
    this.deps.instance(instanceId);
    const s = this.deps.repo.get(scheduleId);
    if (!s || s.instanceId !== instanceId) throw AppError.notFound('Schedule', scheduleId);
    return s;
  }

  /** The whole definition against the contract's rules and the cron syntax; a 400 names each bad field. */
  private checked(d: ScheduleDefinition): ScheduleDefinition {
    const errors: FieldError[] = [];
    const parsed = CreateScheduleBody.safeParse(d);
    if (!parsed.success)
      errors.push(...parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));
    const problem = cronProblem(d.cron, d.timezone, this.deps.clock.now());
    if (problem && !errors.some((e) => e.field === 'timezone')) errors.push({ field: 'cron', message: problem });
    if (errors.length) throw AppError.validation(errors);
    return d;
  }

  private nextRunAt(d: ScheduleDefinition): string | null {
    return d.enabled ? (nextRunAfter(d.cron, d.timezone, this.deps.clock.now())?.toISOString() ?? null) : null;
  }

  private hostZone(): string {
    return (this.deps.hostTimeZone ?? hostTimeZone)();
  }
}

/**
 * A PATCH over the stored definition: sent fields win, null clears. When the action changes, the
 * fields only the old action used are dropped unless sent, so RCON → BROADCAST needs no
 * `command: null`.
 */
function merge(current: ScheduleRecord, patch: UpdateScheduleBody, hostZone: string): ScheduleDefinition {
  const pick = <K extends keyof ScheduleDefinition>(key: K): ScheduleDefinition[K] => {
    const sent = patch[key];
    return (sent === undefined ? current[key] : sent) as ScheduleDefinition[K];
  };
  const action = patch.action ?? current.action;
  const keepIfUsed = <K extends keyof typeof SCHEDULE_FIELD_USES>(key: K): ScheduleDefinition[K] =>
    patch[key] === undefined && !SCHEDULE_FIELD_USES[key].includes(action) ? null : (pick(key) ?? null);
  return {
    action,
    cron: pick('cron'),
    enabled: pick('enabled'),
    message: keepIfUsed('message'),
    command: keepIfUsed('command'),
    warningMinutes: keepIfUsed('warningMinutes'),
    onlyWhenEmpty: pick('onlyWhenEmpty'),
    timezone: pick('timezone') ?? hostZone,
    updateWindow: keepIfUsed('updateWindow'),
  };
}
