/**
 * When a job started running, when it ended and why it failed, on the job row itself. The list
 * shows how long a job ran (not how long it also waited in the queue) and why it failed; reading
 * that from job_runs would mean a join or a subquery per listed row, while these columns come with
 * the page the list index already seeks. The error also covers a job that failed in the queue and
 * so has no run to hold it. The runner writes them with the status (JobsRepo.setStatus). Older rows
 * are filled from their first run's start, their last run's error and, for ended jobs, their last
 * status change (which is when they ended).
 */
export const migration010 = {
  version: 10,
  name: 'job-times',
  sql: `
    ALTER TABLE jobs ADD COLUMN started_at TEXT;
    ALTER TABLE jobs ADD COLUMN finished_at TEXT;
    ALTER TABLE jobs ADD COLUMN error TEXT;
    UPDATE jobs SET started_at = (SELECT MIN(r.started_at) FROM job_runs r WHERE r.job_id = jobs.id);
    UPDATE jobs SET finished_at = updated_at WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED');
    UPDATE jobs SET error = (SELECT r.error FROM job_runs r WHERE r.job_id = jobs.id ORDER BY r.attempt DESC LIMIT 1)
      WHERE status IN ('FAILED', 'CANCELLED');
  `,
};
