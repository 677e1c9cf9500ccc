/**
 * One index per filter combination the list routes offer, each ending in the newest-first order
 * (created_at, id), so a filtered page is a seek plus one page of index entries instead of a scan
 * and a sort of every matching row (with 100,000 jobs, `?status=FAILED` sorted tens of thousands of
 * rows per request). SQLite uses an index for ORDER BY only when the filtered columns are exactly
 * its leading equality columns, hence one index per subset of (status, type, instance_id). Jobs are
 * written at human rates, so seven small indexes cost nothing that matters on insert.
 *
 * The older single-column jobs_status / jobs_instance are prefixes of the new ones and go. The log
 * lines need nothing new: the API pages them by (instance_id, seq), their primary key, and filters
 * by nothing else.
 */
export const migration007 = {
  version: 7,
  name: 'list-indexes',
  sql: `
    DROP INDEX IF EXISTS jobs_status;
    DROP INDEX IF EXISTS jobs_instance;
    CREATE INDEX jobs_status_created ON jobs (status, created_at, id);
    CREATE INDEX jobs_type_created ON jobs (type, created_at, id);
    CREATE INDEX jobs_instance_created ON jobs (instance_id, created_at, id);
    CREATE INDEX jobs_status_type_created ON jobs (status, type, created_at, id);
    CREATE INDEX jobs_status_instance_created ON jobs (status, instance_id, created_at, id);
    CREATE INDEX jobs_type_instance_created ON jobs (type, instance_id, created_at, id);
    CREATE INDEX jobs_status_type_instance_created ON jobs (status, type, instance_id, created_at, id);

    -- Recovery after a restart looks for the runs left RUNNING: a handful among every run ever made.
    CREATE INDEX job_runs_running ON job_runs (status) WHERE status = 'RUNNING';

    -- Ties on created_at are broken by id in every list; the old index ended at created_at.
    DROP INDEX IF EXISTS schedules_instance;
    CREATE INDEX schedules_instance_created ON schedules (instance_id, created_at, id);
    CREATE INDEX schedules_enabled_created ON schedules (created_at, id) WHERE enabled = 1;
  `,
};
