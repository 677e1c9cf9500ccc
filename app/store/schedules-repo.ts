import type { ScheduleAction, ScheduleResult, UpdateWindow } from '@ark-asa/contracts';
import type { Db } from './database.ts';

export interface ScheduleRecord {
  id: string;
  instanceId: string;
  action: ScheduleAction;
  cron: string;
  timezone: string;
  enabled: boolean;
  message: string | null;
  command: string | null;
  warningMinutes: number[] | null;
  onlyWhenEmpty: boolean;
  updateWindow: UpdateWindow | null;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastResult: ScheduleResult | null;
  skipBuildId: string | null;
  createdAt: string;
  updatedAt: string;
}

interface ScheduleRow {
  id: string;
  instance_id: string;
  action: ScheduleAction;
  cron: string;
  timezone: string;
  enabled: number;
  message: string | null;
  command: string | null;
  warning_minutes: string | null;
  only_when_empty: number;
  update_window: string | null;
  next_run_at: string | null;
  last_run_at: string | null;
  last_result: string | null;
  skip_build_id: string | null;
  created_at: string;
  updated_at: string;
}

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

const toRecord = (r: ScheduleRow): ScheduleRecord => ({
  id: r.id,
  instanceId: r.instance_id,
  action: r.action,
  cron: r.cron,
  timezone: r.timezone,
  enabled: r.enabled === 1,
  message: r.message,
  command: r.command,
  warningMinutes: json<number[]>(r.warning_minutes),
  onlyWhenEmpty: r.only_when_empty === 1,
  updateWindow: json<UpdateWindow>(r.update_window),
  nextRunAt: r.next_run_at,
  lastRunAt: r.last_run_at,
  lastResult: json<ScheduleResult>(r.last_result),
  skipBuildId: r.skip_build_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The definition a user edits, as bound parameters. */
const definition = (s: ScheduleRecord) => ({
  id: s.id,
  action: s.action,
  cron: s.cron,
  timezone: s.timezone,
  enabled: s.enabled ? 1 : 0,
  message: s.message,
  command: s.command,
  warningMinutes: s.warningMinutes ? JSON.stringify(s.warningMinutes) : null,
  onlyWhenEmpty: s.onlyWhenEmpty ? 1 : 0,
  updateWindow: s.updateWindow ? JSON.stringify(s.updateWindow) : null,
  nextRunAt: s.nextRunAt,
  updatedAt: s.updatedAt,
});

/**
 * Schedules. The user's edits (`updateDefinition`) and the scheduler's bookkeeping (`markFired`,
 * `setResult`, …) write separate columns, so neither can overwrite what the other just wrote.
 */
export class SchedulesRepo {
  constructor(private readonly db: Db) {}

  listForInstance(instanceId: string): ScheduleRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM schedules WHERE instance_id = ? ORDER BY created_at, id')
      .all(instanceId) as ScheduleRow[];
    return rows.map(toRecord);
  }

  listEnabled(): ScheduleRecord[] {
    return (
      this.db.prepare('SELECT * FROM schedules WHERE enabled = 1 ORDER BY created_at, id').all() as ScheduleRow[]
    ).map(toRecord);
  }

  get(id: string): ScheduleRecord | null {
    const row = this.db.prepare('SELECT * FROM schedules WHERE id = ?').get(id) as ScheduleRow | undefined;
    return row ? toRecord(row) : null;
  }

  insert(s: ScheduleRecord): void {
    this.db
      .prepare(
        `INSERT INTO schedules (id, instance_id, action, cron, timezone, enabled, message, command, warning_minutes,
           only_when_empty, update_window, next_run_at, last_run_at, last_result, skip_build_id, created_at, updated_at)
         VALUES (@id, @instanceId, @action, @cron, @timezone, @enabled, @message, @command, @warningMinutes,
           @onlyWhenEmpty, @updateWindow, @nextRunAt, NULL, NULL, NULL, @createdAt, @updatedAt)`,
      )
      .run({ ...definition(s), instanceId: s.instanceId, createdAt: s.createdAt });
  }

  updateDefinition(s: ScheduleRecord): void {
    this.db
      .prepare(
        `UPDATE schedules SET action = @action, cron = @cron, timezone = @timezone, enabled = @enabled, message = @message,
           command = @command, warning_minutes = @warningMinutes, only_when_empty = @onlyWhenEmpty,
           update_window = @updateWindow, next_run_at = @nextRunAt, updated_at = @updatedAt
         WHERE id = @id`,
      )
      .run(definition(s));
  }

  setNextRun(id: string, nextRunAt: string | null): void {
    this.db.prepare('UPDATE schedules SET next_run_at = ? WHERE id = ?').run(nextRunAt, id);
  }

  /** Written before the action runs, so a manager restart during a long run never reports it as missed. */
  markFired(id: string, lastRunAt: string, nextRunAt: string | null): void {
    this.db.prepare('UPDATE schedules SET last_run_at = ?, next_run_at = ? WHERE id = ?').run(lastRunAt, nextRunAt, id);
  }

  setResult(id: string, result: ScheduleResult): void {
    this.db.prepare('UPDATE schedules SET last_result = ? WHERE id = ?').run(JSON.stringify(result), id);
  }

  setSkipBuild(id: string, buildId: string | null): void {
    this.db.prepare('UPDATE schedules SET skip_build_id = ? WHERE id = ?').run(buildId, id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM schedules WHERE id = ?').run(id).changes > 0;
  }
}
