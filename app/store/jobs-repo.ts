import {
  ENDED_JOB_STATUSES,
  type ErrorInfo,
  type Job,
  type JobListQuery,
  type JobRun,
  type JobStatus,
  type JobType,
} from '@ark-asa/contracts';
import { decodeCursor, encodeCursor, jsonPage, parseJson } from './cursor.ts';
import type { Db } from './database.ts';

interface JobRow {
  id: string;
  type: JobType;
  status: JobStatus;
  instance_id: string | null;
  agent_id: string | null;
  params: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

/**
 * What an event of a remote agent says about one of its runs; a field left out keeps the stored
 * value (a progress event says nothing of a result, a completion nothing of the message).
 */
export interface MirrorRunPatch {
  id: string;
  jobId: string;
  status: JobStatus;
  attempt?: number;
  percent?: number;
  message?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  result?: unknown;
  error?: ErrorInfo | null;
}

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    instanceId: r.instance_id,
    agentId: r.agent_id,
    params: JSON.parse(r.params) as Record<string, unknown>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: parseJson<ErrorInfo>(r.error),
  };
}

export class JobsRepo {
  constructor(private readonly db: Db) {}

  insert(j: Job): void {
    this.db
      .prepare(
        `INSERT INTO jobs (id, type, status, instance_id, agent_id, params, created_at, updated_at, started_at, finished_at, error)
         VALUES (@id, @type, @status, @instanceId, @agentId, @params, @createdAt, @updatedAt, @startedAt, @finishedAt, @error)`,
      )
      .run({ ...j, params: JSON.stringify(j.params), error: j.error ? JSON.stringify(j.error) : null });
  }

  get(id: string): Job | null {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  /**
   * The status and, with it, the job's times: the first RUNNING starts its clock (a later attempt
   * keeps the first start), an end stops it. One statement, so the times never disagree with it.
   * `error` says why a job failed or was cancelled, also when it never had a run to hold the error.
   */
  setStatus(id: string, status: JobStatus, updatedAt: string, error: ErrorInfo | null = null): void {
    this.db
      .prepare(
        `UPDATE jobs SET status = @status, updated_at = @updatedAt,
           started_at = CASE WHEN @running THEN COALESCE(started_at, @updatedAt) ELSE started_at END,
           finished_at = CASE WHEN @ended THEN @updatedAt ELSE NULL END, error = @error
         WHERE id = @id`,
      )
      .run({
        id,
        status,
        updatedAt,
        running: status === 'RUNNING' ? 1 : 0,
        ended: ENDED_JOB_STATUSES.has(status) ? 1 : 0,
        error: error ? JSON.stringify(error) : null,
      });
  }

  /**
   * Inserts or refreshes the copy of a remote agent's job from the DTO it reported (`job.agentId`
   * is that agent), with its runs when the DTO carries them. False when the id belongs to a job of
   * another agent or of this process (nothing written): an agent never overwrites others' jobs.
   */
  upsertMirror(job: Job): boolean {
    return this.db.transaction(() => {
      const { changes } = this.db
        .prepare(
          `INSERT INTO jobs (id, type, status, instance_id, agent_id, params, created_at, updated_at, started_at, finished_at, error)
           VALUES (@id, @type, @status, @instanceId, @agentId, @params, @createdAt, @updatedAt, @startedAt, @finishedAt, @error)
           ON CONFLICT (id) DO UPDATE SET status = excluded.status, instance_id = excluded.instance_id,
             params = excluded.params, updated_at = excluded.updated_at, started_at = excluded.started_at,
             finished_at = excluded.finished_at, error = excluded.error
           WHERE jobs.agent_id IS excluded.agent_id`,
        )
        .run({
          id: job.id,
          type: job.type,
          status: job.status,
          instanceId: job.instanceId,
          agentId: job.agentId,
          params: JSON.stringify(job.params),
          createdAt: job.createdAt,
          updatedAt: job.updatedAt,
          startedAt: job.startedAt,
          finishedAt: job.finishedAt,
          error: job.error ? JSON.stringify(job.error) : null,
        });
      if (changes === 0) return false;
      for (const run of job.runs ?? []) this.upsertMirrorRun(fullRun(run));
      return true;
    })();
  }

  /** One run of a mirrored job, as far as an event tells it; the job row must exist already. */
  upsertMirrorRun(p: MirrorRunPatch): void {
    this.db
      .prepare(
        `INSERT INTO job_runs (id, job_id, attempt, status, percent, message, started_at, finished_at, result, error)
         VALUES (@id, @jobId,
           COALESCE(@attempt, (SELECT COALESCE(MAX(attempt), 0) + 1 FROM job_runs WHERE job_id = @jobId)),
           @status, COALESCE(@percent, 0), COALESCE(@message, ''), @startedAt, @finishedAt, @result, @error)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, percent = COALESCE(@percent, percent),
           message = COALESCE(@message, message), started_at = COALESCE(started_at, excluded.started_at),
           finished_at = COALESCE(excluded.finished_at, finished_at), result = COALESCE(excluded.result, result),
           error = COALESCE(excluded.error, error)
         WHERE job_runs.job_id = excluded.job_id`,
      )
      .run({
        id: p.id,
        jobId: p.jobId,
        attempt: p.attempt ?? null,
        status: p.status,
        percent: p.percent ?? null,
        message: p.message ?? null,
        startedAt: p.startedAt ?? null,
        finishedAt: p.finishedAt ?? null,
        result: p.result === undefined || p.result === null ? null : JSON.stringify(p.result),
        error: p.error ? JSON.stringify(p.error) : null,
      });
  }

  listByStatus(status: JobStatus): Job[] {
    return (this.db.prepare('SELECT * FROM jobs WHERE status = ? ORDER BY created_at, id').all(status) as JobRow[]).map(
      toJob,
    );
  }

  /**
   * Newest first, keyset-paginated on (created_at, id). `localAgentId` is this process's agent: a
   * job stored without an agent is its job (JobRunner runs those as its own), so `q.agentId` naming
   * it lists those too.
   */
  list(q: JobListQuery, localAgentId?: string): { items: Job[]; nextCursor: string | null } {
    const { sql, args } = pageQuery('*', q, localAgentId);
    const rows = this.db.prepare(sql).all(...args) as JobRow[];
    const items = rows.slice(0, q.limit).map(toJob);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
  }

  /**
   * The same page as `list`, already as the JSON text of `{ items, nextCursor }` (JSON.parse of it
   * deep-equals `list`'s result): SQLite writes each job's object, `params` and `error` go in as the
   * JSON they are stored as. Building 50 Job objects (and parsing their params) only to serialize
   * them again was about a third of the route's CPU time; this does the same work in less.
   */
  listJson(q: JobListQuery, localAgentId?: string): string {
    const { sql, args } = pageQuery(`${JOB_JSON} AS json, created_at, id`, q, localAgentId);
    const stmt = this.db.prepare(sql);
    stmt.raw(true); // not chained: raw() returns the bare statement, past any wrapper of prepare
    const rows = stmt.all(...args) as [string, string, string][];
    return jsonPage(rows, q.limit).text;
  }
}

const fullRun = (r: JobRun): MirrorRunPatch => ({ ...r, result: r.result ?? undefined });

/** A job row as the JSON object `toJob` makes of it, keys in the same order. */
const JOB_JSON = `json_object('id', id, 'type', type, 'status', status, 'instanceId', instance_id,
  'agentId', agent_id, 'params', json(params), 'createdAt', created_at, 'updatedAt', updated_at,
  'startedAt', started_at, 'finishedAt', finished_at, 'error', json(error))`;

/**
 * One page (plus one row, to tell whether another follows) of the filtered list, newest first.
 * `localAgentId`: the agent whose jobs also include those stored without one (see `list`).
 */
function pageQuery(columns: string, q: JobListQuery, localAgentId?: string): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  const filter = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    args.push(...values);
  };
  if (q.status) filter('status = ?', q.status);
  if (q.type) filter('type = ?', q.type);
  if (q.instanceId) filter('instance_id = ?', q.instanceId);
  const before = decodeCursor(q.cursor);
  if (before) filter('(created_at, id) < (?, ?)', before.createdAt, before.id);
  const select = (clauses: string[]) =>
    `SELECT ${columns} FROM jobs ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}`;
  const page = (sql: string, values: unknown[]) => ({
    sql: `${sql} ORDER BY created_at DESC, id DESC LIMIT ?`,
    args: [...values, q.limit + 1],
  });
  if (!q.agentId) return page(select(where), args);
  const unowned = q.agentId === localAgentId;
  if (q.instanceId) {
    // The instance's index already narrows the page to that server's jobs, nearly all on its host
    // (a cluster's relayed jobs run here): the host is checked row by row (the unary + keeps the
    // planner off the agent indexes).
    const host = unowned ? '(+agent_id = ? OR +agent_id IS NULL)' : '+agent_id = ?';
    return page(select([host, ...where]), [q.agentId, ...args]);
  }
  const host = select(['agent_id = ?', ...where]);
  if (!unowned) return page(host, [q.agentId, ...args]);
  // Two ordered seeks that SQLite merges; `agent_id = ? OR agent_id IS NULL` would sort every match.
  return page(`${host} UNION ALL ${select(['agent_id IS NULL', ...where])}`, [q.agentId, ...args, ...args]);
}
