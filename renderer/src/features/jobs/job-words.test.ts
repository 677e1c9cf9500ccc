import { describe, expect, it } from 'vitest';
import { JobType, type Instance } from '@ark-asa/contracts';
import { countdownPhrase, describeJob, jobNames, spokenList, type JobNames } from './job-words.ts';

const ISLAND = 'b0000000-0000-4000-8000-000000000001';
const GONE = 'b0000000-0000-4000-8000-000000000009';
const BACKUP = 'c0000000-0000-4000-8000-000000000001';
const PREVIOUS_JOB = 'd0000000-0000-4000-8000-000000000001';

const names: JobNames = {
  server: (id) => (id === ISLAND ? 'The Island' : null),
  cluster: (id) => (id === ISLAND ? 'PvE' : undefined),
  backupTime: (id) => (id === BACKUP ? '3 Dec 2026, 14:05' : null),
};

/**
 * One example per job type, with what it should read: a record over the enum, so a new job type
 * fails here until it has its sentence.
 */
const EXAMPLES: Record<JobType, { params: Record<string, unknown>; server?: boolean; says: string }> = {
  DIAGNOSTICS: { params: {}, says: 'Check the host: data folder, disk space, SteamCMD and ports' },
  INSTALL_STEAMCMD: { params: {}, says: 'Install SteamCMD' },
  INSTALL_BUILD: { params: { validate: true }, says: 'Install the newest server build (validate every file)' },
  CHECK_LATEST_BUILD: { params: {}, says: 'Ask Steam for the newest server build' },
  DELETE_BUILD: { params: { buildId: '1234567' }, says: 'Delete build 1234567' },
  START_INSTANCE: {
    params: { afterJobId: PREVIOUS_JOB, gapSeconds: 30 },
    server: true,
    says: 'Start The Island after the previous member of cluster PvE, 30 s later',
  },
  STOP_INSTANCE: {
    params: { countdownMinutes: 5, message: 'mods' },
    server: true,
    says: 'Stop The Island with a 5 min countdown: “mods”',
  },
  RESTART_INSTANCE: {
    params: { countdownMinutes: 15, warningMinutes: [15, 5, 1] },
    server: true,
    says: 'Restart The Island with warnings at 15, 5 and 1 min',
  },
  UPDATE_INSTANCE: { params: { buildId: '1234567' }, server: true, says: 'Switch The Island to build 1234567' },
  BACKUP_INSTANCE: { params: { kind: 'scheduled' }, server: true, says: 'Back up The Island (scheduled)' },
  RESTORE_BACKUP: {
    params: { backupId: BACKUP },
    server: true,
    says: 'Restore the backup of 3 Dec 2026, 14:05 to The Island',
  },
  IMPORT_INSTANCE: {
    params: { sourcePath: 'D:\\ARK\\Server', name: 'Old Island', mode: 'in-place' },
    says: 'Import “Old Island” from D:\\ARK\\Server, run where it is',
  },
  IMPORT_SAVE: {
    params: { sourcePath: 'D:\\saves\\TheIsland_WP' },
    server: true,
    says: 'Import the world from D:\\saves\\TheIsland_WP into The Island',
  },
  INSTALL_PREREQUISITES: {
    params: { items: ['vcredist', 'directx', 'certificates'] },
    says: 'Install Windows prerequisites (Visual C++ runtime, DirectX runtime and certificates) as administrator',
  },
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/i;

describe('describeJob', () => {
  it.each(JobType.options)('says what a %s job does, with names and without ids', (type) => {
    const example = EXAMPLES[type];
    expect(example, `no example for ${type}: give it a sentence in job-words.ts`).toBeDefined();
    const said = describeJob({ type, params: example.params, instanceId: example.server ? ISLAND : null }, names);
    expect(said).toBe(example.says);
    expect(said).not.toMatch(UUID);
    expect(said).not.toMatch(/undefined|null|\{|\[/);
  });

  it('says every type without params or names (a row from another version, lists still loading)', () => {
    const none: JobNames = { server: () => undefined };
    for (const type of JobType.options) {
      const said = describeJob({ type, params: { unknown: 1 }, instanceId: ISLAND }, none);
      expect(said).toMatch(/^[A-Z]/);
      expect(said).not.toMatch(/undefined|null|\{/);
    }
  });

  it('names a deleted server and a deleted backup as such', () => {
    expect(describeJob({ type: 'BACKUP_INSTANCE', params: {}, instanceId: GONE }, names)).toBe(
      'Back up a deleted server',
    );
    expect(describeJob({ type: 'RESTORE_BACKUP', params: { backupId: GONE }, instanceId: ISLAND }, names)).toBe(
      'Restore a backup since deleted to The Island',
    );
  });

  it('reads the countdown forms', () => {
    expect(countdownPhrase({})).toBe('');
    expect(countdownPhrase({ countdownMinutes: 20, warningMinutes: [10, 1] })).toBe(
      ' with a 20 min countdown (warnings at 10 and 1 min)',
    );
    expect(countdownPhrase({ message: 'demo over' })).toBe(': “demo over”');
    expect(spokenList([15])).toBe('15');
    expect(spokenList([])).toBe('');
  });
});

describe('jobNames', () => {
  const island = { id: ISLAND, name: 'The Island', clusterId: 'e0000000-0000-4000-8000-000000000001' } as Instance;
  it('tells a deleted server from a list still loading', () => {
    expect(jobNames([island]).server(ISLAND)).toBe('The Island');
    expect(jobNames([island]).server(GONE)).toBeNull();
    expect(jobNames(undefined).server(ISLAND)).toBeUndefined();
  });
  it('finds the cluster of a server', () => {
    const clusters = [{ id: island.clusterId, name: 'PvE' }] as unknown as Parameters<typeof jobNames>[1];
    expect(jobNames([island], clusters).cluster?.(ISLAND)).toBe('PvE');
  });
});
