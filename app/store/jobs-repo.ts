import type { Job, JobListQuery, JobStatus, JobType } from '@ark-asa/contracts';
import { decodeCursor, encodeCursor } from './cursor.ts';
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
  };
}

export class JobsRepo {
  constructor(private readonly db: Db) {}

  insert(j: Job): void {
    this.db
      .prepare(
        `INSERT INTO jobs (id, type, status, instance_id, agent_id, params, created_at, updated_at)
         VALUES (@id, @type, @status, @instanceId, @agentId, @params, @createdAt, @updatedAt)`,
      )
      .run({ ...j, params: JSON.stringify(j.params) });
  }

  get(id: string): Job | null {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  setStatus(id: string, status: JobStatus, updatedAt: string): void {
    this.db.prepare('UPDATE jobs SET status = ?, updated_at = ? WHERE id = ?').run(status, updatedAt, id);
  }

  listByStatus(status: JobStatus): Job[] {
    return (this.db.prepare('SELECT * FROM jobs WHERE status = ? ORDER BY created_at, id').all(status) as JobRow[]).map(
      toJob,
    );
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  list(q: JobListQuery): { items: Job[]; nextCursor: string | null } {
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
    const sql = `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY created_at DESC, id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, q.limit + 1) as JobRow[];
    const items = rows.slice(0, q.limit).map(toJob);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
  }
}
