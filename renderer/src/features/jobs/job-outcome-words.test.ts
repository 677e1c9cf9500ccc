import { describe, expect, it } from 'vitest';
import { JobType, type JobRun } from '@ark-asa/contracts';
import { describeOutcome, resultSentence } from './job-outcome-words.ts';

const ID = 'b0000000-0000-4000-8000-000000000001';
const ID2 = 'b0000000-0000-4000-8000-000000000002';

/** One real-shaped result per job type and what it should read: a new type fails until it has one. */
const RESULTS: Record<JobType, { result: unknown; says: string }> = {
  DIAGNOSTICS: {
    result: {
      ok: false,
      checks: [
        { name: 'disk-space', ok: true, detail: '78 GiB free' },
        { name: 'steamcmd', ok: false, detail: 'SteamCMD is not set' },
      ],
    },
    says: '1 of 2 checks failed: SteamCMD is not set',
  },
  INSTALL_STEAMCMD: {
    result: { steamcmdPath: 'C:\\steamcmd\\steamcmd.exe' },
    says: 'SteamCMD installed at C:\\steamcmd\\steamcmd.exe',
  },
  INSTALL_BUILD: {
    result: { buildId: '1234567', installPath: '/b', upToDate: true },
    says: 'Already up to date (build 1234567)',
  },
  CHECK_LATEST_BUILD: { result: { latestBuildId: '1234568' }, says: 'Steam serves build 1234568' },
  DELETE_BUILD: {
    result: { buildId: '1234567', installPath: '/b', folderRemoved: true },
    says: 'Deleted build 1234567',
  },
  START_INSTANCE: { result: { instanceId: ID, status: 'RUNNING', pid: 4242 }, says: 'Started (process 4242)' },
  STOP_INSTANCE: {
    result: { instanceId: ID, status: 'STOPPED', wasRunning: true, killed: false, warnings: 1 },
    says: 'Stopped after 1 warning',
  },
  RESTART_INSTANCE: {
    result: { instanceId: ID, status: 'RUNNING', pid: 4243, killed: false, warnings: 3 },
    says: 'Restarted after 3 warnings (process 4243)',
  },
  UPDATE_INSTANCE: {
    result: { instanceId: ID, fromBuildId: '1', toBuildId: '2', restarted: true, changed: true },
    says: 'Switched from build 1 to 2 and started again',
  },
  BACKUP_INSTANCE: {
    result: {
      backup: {
        id: ID2,
        instanceId: ID,
        fileName: 'x.zip',
        sizeBytes: 512 * 1024 ** 2,
        createdAt: '2026-12-03T14:05:00.000Z',
        kind: 'manual',
        entries: 12,
        map: 'TheIsland_WP',
        verified: true,
        note: null,
      },
      worldSaved: true,
      pruned: [ID2, ID],
    },
    says: 'Backup of 512 MiB kept (12 files, world saved first); 2 older backups removed by the retention policy',
  },
  RESTORE_BACKUP: {
    result: { backupId: ID2, safetyBackupId: null, replaced: ['a'], added: [], removed: [] },
    says: 'Restored: 1 file replaced, 0 added',
  },
  IMPORT_INSTANCE: {
    result: {
      instanceId: ID,
      name: 'Old Island',
      mode: 'copy',
      filesCopied: 120,
      bytesCopied: 3 * 1024 ** 2,
      warnings: [],
    },
    says: 'Imported “Old Island”: 120 files (3.0 MiB) copied',
  },
  IMPORT_SAVE: {
    result: {
      instanceId: ID,
      world: 'TheIsland_WP.ark',
      safetyBackupId: null,
      replaced: [],
      added: ['a', 'b'],
      removed: [],
    },
    says: 'Imported world TheIsland_WP.ark: 0 files replaced, 2 added',
  },
  INSTALL_PREREQUISITES: {
    result: {
      items: [
        { id: 'vcredist', ok: true, message: 'Visual C++ 2015–2022 x64 runtime: installed' },
        { id: 'certificates', ok: false, message: 'Certificates: the administrator prompt was declined' },
      ],
      restartNeeded: true,
    },
    says: 'Visual C++ 2015–2022 x64 runtime: installed · Certificates: the administrator prompt was declined · Restart Windows to finish',
  },
};

const run = (over: Partial<JobRun>): JobRun => ({
  id: ID,
  jobId: ID2,
  attempt: 1,
  status: 'COMPLETED',
  percent: 100,
  message: 'Running',
  startedAt: null,
  finishedAt: null,
  result: null,
  error: null,
  ...over,
});

describe('resultSentence', () => {
  it.each(JobType.options)('says what a completed %s job achieved', (type) => {
    const example = RESULTS[type];
    expect(example, `no example result for ${type}: give it a sentence in job-outcome-words.ts`).toBeDefined();
    expect(resultSentence(type, example.result)).toBe(example.says);
  });

  it('reads the other outcomes of builds, stops and updates', () => {
    expect(resultSentence('INSTALL_BUILD', { buildId: '7', installPath: '/b', upToDate: false })).toBe(
      'Installed build 7',
    );
    expect(resultSentence('INSTALL_BUILD', { buildId: '7', installPath: '/b' })).toBe('Installed build 7');
    const stop = { instanceId: ID, status: 'STOPPED', wasRunning: true, killed: true };
    expect(resultSentence('STOP_INSTANCE', stop)).toBe('Stopped; it had to be killed after it did not exit in time');
    expect(resultSentence('STOP_INSTANCE', { ...stop, wasRunning: false, killed: false })).toBe('It was not running');
    const update = { instanceId: ID, fromBuildId: null, toBuildId: '2', restarted: false, changed: true };
    expect(resultSentence('UPDATE_INSTANCE', update)).toBe('Now on build 2');
    expect(resultSentence('UPDATE_INSTANCE', { ...update, changed: false })).toBe('Already on build 2');
  });

  it('says nothing for a result of another shape', () => {
    expect(resultSentence('RESTART_INSTANCE', { something: 'else' })).toBeNull();
    expect(resultSentence('DIAGNOSTICS', null)).toBeNull();
  });
});

describe('describeOutcome', () => {
  it('never repeats the last progress message of an ended job', () => {
    const r = run({ result: RESULTS.RESTART_INSTANCE.result });
    expect(describeOutcome({ type: 'RESTART_INSTANCE', error: null }, 'COMPLETED', r)).toEqual({
      tone: 'ok',
      text: 'Restarted after 3 warnings (process 4243)',
    });
    const odd = describeOutcome({ type: 'RESTART_INSTANCE', error: null }, 'COMPLETED', run({ result: 1 }));
    expect(odd).toBeNull();
  });

  it('gives the error of a failure, from the run or from the job when it never ran', () => {
    const failed = run({ status: 'FAILED', error: { code: 'start-failed', message: 'No server executable' } });
    expect(describeOutcome({ type: 'START_INSTANCE', error: null }, 'FAILED', failed)?.text).toBe(
      'No server executable',
    );
    const queued = { code: 'interrupted', message: 'The manager stopped before this job could run.' };
    expect(describeOutcome({ type: 'START_INSTANCE', error: queued }, 'FAILED')).toEqual({
      tone: 'bad',
      text: queued.message,
    });
  });

  it('says who cancelled, and nothing while the job is active or its result is not loaded', () => {
    const error = { code: 'cancelled', message: 'Cancelled by a user' };
    expect(describeOutcome({ type: 'BACKUP_INSTANCE', error }, 'CANCELLED')?.text).toBe('Cancelled by a user');
    expect(describeOutcome({ type: 'BACKUP_INSTANCE', error: null }, 'RUNNING', run({}))).toBeNull();
    expect(describeOutcome({ type: 'BACKUP_INSTANCE', error: null }, 'COMPLETED')).toBeNull();
  });
});
