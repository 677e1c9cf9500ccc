// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Instance, Job } from '@ark-asa/contracts';
import { fakeApi, installDomShims, json, renderInApp, testInstance } from '../../test/harness.tsx';
import { InstanceJobsTab } from './InstanceJobsTab.tsx';

const T = (s: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, s)).toISOString();

function job(instance: Instance, over: Partial<Job>): Job {
  return {
    id: crypto.randomUUID(),
    type: 'BACKUP_INSTANCE',
    status: 'COMPLETED',
    instanceId: instance.id,
    agentId: null,
    params: {},
    createdAt: T(0),
    updatedAt: T(30),
    startedAt: T(10),
    finishedAt: T(30),
    error: null,
    ...over,
  };
}

function setup() {
  const instance = testInstance('STOPPED');
  const backupId = crypto.randomUUID();
  const restore = job(instance, { type: 'RESTORE_BACKUP', params: { backupId } });
  const failed = job(instance, {
    type: 'START_INSTANCE',
    status: 'FAILED',
    createdAt: T(50),
    error: { code: 'start-failed', message: 'Could not start the server: no executable' },
  });
  const backup = { id: backupId, instanceId: instance.id, createdAt: '2026-12-03T14:05:00.000Z' };
  fakeApi((c) => {
    if (c.path === '/api/v1/jobs') return json(200, { items: [failed, restore], nextCursor: null });
    if (c.path === `/api/v1/instances/${instance.id}/backups`) return json(200, { items: [backup], nextCursor: null });
    if (c.path === `/api/v1/jobs/${restore.id}`) return json(200, { ...restore, runs: [] });
    if (c.path === '/api/v1/instances') return json(200, { items: [instance], nextCursor: null });
    return json(200, { items: [], nextCursor: null });
  });
  renderInApp(<InstanceJobsTab instance={instance} />);
  return { instance, restore, failed };
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('InstanceJobsTab', () => {
  it('says each job with names and dates, the run time, and why one failed', async () => {
    const { instance, restore, failed } = setup();
    const rows = await screen.findAllByTestId('job-row');
    const row = (id: string) => rows.find((r) => r.getAttribute('data-job-id') === id)!;
    await waitFor(() =>
      expect(within(row(restore.id)).getByTestId('job-sentence').textContent).toMatch(
        /^Restore the backup of .+ to Test server$/,
      ),
    );
    expect(within(row(restore.id)).getByTestId('job-run-time').textContent).toBe('ran 20 s');
    expect(within(row(failed.id)).getByTestId('job-outcome').textContent).toBe(
      'Could not start the server: no executable',
    );
    const text = rows.map((r) => r.textContent).join(' ');
    expect(text).not.toMatch(/COMPLETED|FAILED|RESTORE_BACKUP|backupId/);
    expect(text).not.toContain(instance.id);
  });

  it('opens a job on its times, with the raw data folded away', async () => {
    const { restore } = setup();
    const rows = await screen.findAllByTestId('job-row');
    const row = rows.find((r) => r.getAttribute('data-job-id') === restore.id)!;
    fireEvent.click(within(row).getByRole('button', { name: 'Details' }));
    expect((await screen.findByTestId('job-times')).textContent).toMatch(/waited 10 s, ran 20 s$/);
    expect(screen.getByTestId('job-runs').textContent).not.toContain(restore.id);
  });
});
