import { describe, expect, it } from 'vitest';
import type { Job } from '@ark-asa/contracts';
import { cancelQuestion, describeParams, duration, jobSentence, newestFirst } from './instance-jobs-format.ts';

const job = (over: Partial<Job>): Job => ({
  id: crypto.randomUUID(),
  type: 'STOP_INSTANCE',
  status: 'RUNNING',
  instanceId: null,
  agentId: null,
  params: {},
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
  ...over,
});

describe('describeParams', () => {
  it('says the countdown and the reason, skips ids and objects', () => {
    expect(describeParams({ countdownMinutes: 5, message: 'mods', instanceId: 'x', nested: { a: 1 } })).toBe(
      'countdown 5 min · “mods”',
    );
    expect(describeParams({ buildId: '123' })).toBe('build 123');
    expect(describeParams({})).toBe('');
  });

  it('reads lists and switches as words', () => {
    expect(describeParams({ warningMinutes: [15, 5, 1], onlyWhenEmpty: true, force: false })).toBe(
      'warnings at 15, 5, 1 min · only when empty',
    );
    expect(jobSentence('Restart', 'The Island', { instanceId: 'x', warningMinutes: [15, 5, 1] })).toBe(
      'Restart The Island · warnings at 15, 5, 1 min',
    );
    expect(jobSentence('Server install', undefined, {})).toBe('Server install');
  });
});

describe('duration', () => {
  it('reads like a person would say it', () => {
    expect(duration('2026-01-01T10:00:00Z', '2026-01-01T10:00:12Z')).toBe('12 s');
    expect(duration('2026-01-01T10:00:00Z', '2026-01-01T10:03:04Z')).toBe('3 min 4 s');
    expect(duration('2026-01-01T10:00:00Z', '2026-01-01T12:05:00Z')).toBe('2 h 5 min');
    expect(duration(null, '2026-01-01T10:00:00Z')).toBe('—');
  });
});

describe('newestFirst and cancelQuestion', () => {
  it('sorts by creation, newest first', () => {
    const a = job({ createdAt: '2026-01-01T10:00:00Z' });
    const b = job({ createdAt: '2026-01-01T11:00:00Z' });
    expect(newestFirst([a, b]).map((j) => j.id)).toEqual([b.id, a.id]);
  });
  it('warns that cancelling a running stop keeps the server up', () => {
    expect(cancelQuestion(job({}), 'Stop')).toMatch(/keeps running/);
    expect(cancelQuestion(job({ type: 'BACKUP_INSTANCE' }), 'Backup')).not.toMatch(/keeps running/);
  });
});
