/**
 * Seeds a data dir like a long-lived install: instances with their backups and schedules, jobs with
 * one run each, log lines, notification targets. The schema comes from the real migrations; the rows
 * go in through prepared statements in one transaction (a million rows in seconds, not minutes).
 */
import { randomUUID } from 'node:crypto';
import type { JobStatus } from '@ark-asa/contracts';
import { InstanceSettings, JobType, NotificationEventKind } from '@ark-asa/contracts';
import { openDatabase } from '../app/store/database.ts';

export interface SeedSize {
  instances: number;
  jobs: number;
  logLines: number;
  /** The indexes of migration 007 dropped and the two it replaced put back: the "before" of issue #15. */
  withoutListIndexes?: boolean;
}

const LIST_INDEXES_007 = [
  'jobs_status_created',
  'jobs_type_created',
  'jobs_instance_created',
  'jobs_status_type_created',
  'jobs_status_instance_created',
  'jobs_type_instance_created',
  'jobs_status_type_instance_created',
  'job_runs_running',
  'schedules_instance_created',
  'schedules_enabled_created',
];

function dropListIndexes(db: Db): void {
  for (const name of LIST_INDEXES_007) db.exec(`DROP INDEX IF EXISTS ${name}`);
  db.exec(`CREATE INDEX jobs_status ON jobs (status);
    CREATE INDEX jobs_instance ON jobs (instance_id, created_at DESC);
    CREATE INDEX schedules_instance ON schedules (instance_id, created_at);`);
}

export interface Seeded {
  instanceIds: string[];
  seconds: number;
}

const AGENT = 'b0000000-0000-4000-8000-000000000001';
const DAY_MS = 86_400_000;
/** A store at rest: a RUNNING or PENDING job would be failed by the recovery at every start. */
const FINISHED: JobStatus[] = ['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'FAILED', 'FAILED', 'CANCELLED'];

/** Deterministic but uncorrelated spread (murmur3's finaliser per salt): the same store, run after run. */
function pick<T>(values: readonly T[], i: number, salt: number): T {
  let h = Math.imul((i + 1) ^ salt, 0xcc9e2d51);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return values[((h ^ (h >>> 16)) >>> 0) % values.length]!;
}

export function seedStore(dataDir: string, size: SeedSize): Seeded {
  const started = performance.now();
  const db = openDatabase(dataDir);
  db.pragma('synchronous = OFF');
  const start = Date.parse('2025-01-01T00:00:00.000Z');
  const iso = (i: number, total: number) => new Date(start + Math.floor((i / total) * 300 * DAY_MS)).toISOString();
  const instanceIds = Array.from({ length: size.instances }, () => randomUUID());
  const settings = JSON.stringify(InstanceSettings.parse({}));
  db.transaction(() => {
    db.prepare("INSERT INTO settings (key, value) VALUES ('localAgentId', ?)").run(JSON.stringify(AGENT));
    db.prepare(
      `INSERT INTO agents (id, name, kind, status, hostname, platform, version, registered_at)
       VALUES (?, 'bench', 'local', 'OFFLINE', 'bench', 'linux', '0.0.0', ?)`,
    ).run(AGENT, iso(0, 1));
    const instance = db.prepare(
      `INSERT INTO instances (id, name, agent_id, status, settings, created_at, updated_at)
       VALUES (?, ?, ?, 'STOPPED', ?, ?, ?)`,
    );
    instanceIds.forEach((id, i) =>
      instance.run(id, `Server ${i + 1}`, AGENT, settings, iso(i, size.instances), iso(i, size.instances)),
    );
    seedJobs(db, size.jobs, instanceIds, iso);
    seedLogs(db, size.logLines, instanceIds, iso);
    seedSmallTables(db, instanceIds, iso);
  })();
  if (size.withoutListIndexes) dropListIndexes(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { instanceIds, seconds: (performance.now() - started) / 1000 };
}

type Db = ReturnType<typeof openDatabase>;
type Iso = (i: number, total: number) => string;

function seedJobs(db: Db, count: number, instanceIds: string[], iso: Iso): void {
  const job = db.prepare(
    `INSERT INTO jobs (id, type, status, instance_id, agent_id, params, created_at, updated_at, started_at, finished_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const run = db.prepare(
    `INSERT INTO job_runs (id, job_id, attempt, status, percent, message, started_at, finished_at)
     VALUES (?, ?, 1, ?, 100, 'done', ?, ?)`,
  );
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const status = pick(FINISHED, i, 0x9e37);
    const at = iso(i, count);
    const instanceId = pick(instanceIds, i, 0x85eb);
    job.run(id, pick(JobType.options, i, 0xc2b2), status, instanceId, AGENT, '{"reason":"bench"}', at, at, at, at);
    run.run(randomUUID(), id, status, at, at);
  }
}

function seedLogs(db: Db, count: number, instanceIds: string[], iso: Iso): void {
  const line = db.prepare(
    'INSERT INTO log_lines (instance_id, seq, ts, level, source, message) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const perInstance = Math.ceil(count / instanceIds.length);
  const levels = ['INFO', 'INFO', 'INFO', 'WARN', 'ERROR', 'DEBUG'] as const;
  const sources = ['server', 'server', 'manager', 'steamcmd'] as const;
  // Instance by instance, seq ascending: appends to the primary key's B-tree instead of splitting pages all over it.
  for (let i = 0; i < count; i++) {
    const instanceId = instanceIds[Math.floor(i / perInstance)]!;
    const seq = (i % perInstance) + 1;
    const msg = `[2025.01.01-00.00.00:000][ 0]LogNet: Join succeeded: Survivor${i % 70} (bench line ${seq} of ${perInstance})`;
    line.run(instanceId, seq, iso(seq, perInstance), pick(levels, i, 0x27d4), pick(sources, i, 0x1656), msg);
  }
}

function seedSmallTables(db: Db, instanceIds: string[], iso: Iso): void {
  const backup = db.prepare(
    `INSERT INTO backups (id, instance_id, file_name, file_path, size_bytes, created_at, kind, entries, map, verified)
     VALUES (?, ?, ?, ?, 104857600, ?, 'scheduled', 42, 'TheIsland_WP', 1)`,
  );
  const schedule = db.prepare(
    `INSERT INTO schedules (id, instance_id, action, cron, timezone, enabled, message, warning_minutes, created_at, updated_at)
     VALUES (?, ?, 'BROADCAST', '0 4 * * *', 'UTC', 0, 'Restart at 4', '[15,5,1]', ?, ?)`,
  );
  const target = db.prepare(
    `INSERT INTO notification_targets (id, name, type, webhook_url, events, instance_ids, enabled, created_at, updated_at)
     VALUES (?, ?, 'discord', 'https://discord.com/api/webhooks/1/x', ?, NULL, 0, ?, ?)`,
  );
  const events = JSON.stringify(NotificationEventKind.options.slice(0, 2));
  instanceIds.forEach((instanceId, n) => {
    for (let i = 0; i < 200; i++) {
      const name = `backup-${n}-${i}.zip`;
      backup.run(randomUUID(), instanceId, name, `/nowhere/${name}`, iso(i, 200));
    }
    for (let i = 0; i < 5; i++) schedule.run(randomUUID(), instanceId, iso(i, 5), iso(i, 5));
  });
  for (let i = 0; i < 20; i++) target.run(randomUUID(), `Discord ${i}`, events, iso(i, 20), iso(i, 20));
}
