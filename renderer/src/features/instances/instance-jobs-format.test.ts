import { describe, expect, it } from 'vitest';
import type { Job } from '@ark-asa/contracts';
import { cancelQuestion, newestFirst } from './instance-jobs-format.ts';

const job = (over: Partial<Job>): Job => ({
  id: crypto.randomUUID(),
  type: 'STOP_INSTANCE',
  status: 'RUNNING',
  instanceId: null,
  agentId: null,
  params: {},
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  error: null,
  ...over,
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
