import type { ErrorInfo, JobRun, JobStatus } from '@ark-asa/contracts';
import { parseJson } from './cursor.ts';
import type { Db } from './database.ts';

interface RunRow {
  id: string;
  job_id: string;
  attempt: number;
  status: JobStatus;
  percent: number;
  message: string;
  started_at: string | null;
  finished_at: string | null;
  result: string | null;
  error: string | null;
}

function toRun(r: RunRow): JobRun {
  return {
    id: r.id,
    jobId: r.job_id,
    attempt: r.attempt,
    status: r.status,
    percent: r.percent,
    message: r.message,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    result: parseJson<unknown>(r.result),
    error: parseJson<ErrorInfo>(r.error),
  };
}

export class JobRunsRepo {
  constructor(private readonly db: Db) {}

  insert(run: JobRun): void {
    this.db
      .prepare(
        `INSERT INTO job_runs (id, job_id, attempt, status, percent, message, started_at, finished_at, result, error)
         VALUES (@id, @jobId, @attempt, @status, @percent, @message, @startedAt, @finishedAt, @result, @error)`,
      )
      .run({
        ...run,
        result: run.result === null ? null : JSON.stringify(run.result),
        error: run.error ? JSON.stringify(run.error) : null,
      });
  }

  listForJob(jobId: string): JobRun[] {
    return (this.db.prepare('SELECT * FROM job_runs WHERE job_id = ? ORDER BY attempt').all(jobId) as RunRow[]).map(
      toRun,
    );
  }

  /** Runs that were RUNNING: after a restart these belong to a process that no longer exists. */
  listRunning(): JobRun[] {
    return (this.db.prepare("SELECT * FROM job_runs WHERE status = 'RUNNING'").all() as RunRow[]).map(toRun);
  }

  nextAttempt(jobId: string): number {
    const row = this.db.prepare('SELECT MAX(attempt) AS n FROM job_runs WHERE job_id = ?').get(jobId) as {
      n: number | null;
    };
    return (row.n ?? 0) + 1;
  }

  updateProgress(id: string, percent: number, message: string): void {
    this.db.prepare('UPDATE job_runs SET percent = ?, message = ? WHERE id = ?').run(percent, message, id);
  }

  finish(
    id: string,
    f: { status: JobStatus; finishedAt: string; result?: unknown; error?: ErrorInfo | null; percent?: number },
  ): void {
    this.db
      .prepare(
        `UPDATE job_runs SET status = @status, finished_at = @finishedAt, result = @result, error = @error,
           percent = COALESCE(@percent, percent) WHERE id = @id`,
      )
      .run({
        id,
        status: f.status,
        finishedAt: f.finishedAt,
        result: f.result === undefined ? null : JSON.stringify(f.result),
        error: f.error ? JSON.stringify(f.error) : null,
        percent: f.percent ?? null,
      });
  }
}
