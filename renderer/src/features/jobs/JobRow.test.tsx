// @vitest-environment jsdom
import { Table } from '@mantine/core';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Instance, Job, JobRun } from '@ark-asa/contracts';
import { fakeApi, installDomShims, json, renderInApp, testInstance } from '../../test/harness.tsx';
import { JobDetailsDrawer } from './JobDetailsDrawer.tsx';
import { jobNames } from './job-words.ts';
import { JobRow } from './JobRow.tsx';

const T = (s: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, s)).toISOString();

function restartJob(instance: Instance, over: Partial<Job> = {}): Job {
  return {
    id: crypto.randomUUID(),
    type: 'RESTART_INSTANCE',
    status: 'COMPLETED',
    instanceId: instance.id,
    agentId: null,
    params: { countdownMinutes: 15, warningMinutes: [15, 5, 1] },
    createdAt: T(0),
    updatedAt: T(65),
    startedAt: T(3),
    finishedAt: T(65),
    error: null,
    ...over,
  };
}

function run(job: Job, over: Partial<JobRun> = {}): JobRun {
  return {
    id: crypto.randomUUID(),
    jobId: job.id,
    attempt: 1,
    status: job.status,
    percent: 100,
    // What the supervisor last said before the run ended: stale once it is over.
    message: 'Running',
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    result: { instanceId: job.instanceId, status: 'RUNNING', pid: 4242, killed: false, warnings: 3 },
    error: null,
    ...over,
  };
}

/** The control plane the drawer reads: the job with its runs, the servers and the clusters. */
function serve(instance: Instance, job: Job) {
  return fakeApi((c) => {
    if (c.path === `/api/v1/jobs/${job.id}`) return json(200, job);
    if (c.path === '/api/v1/instances') return json(200, { items: [instance], nextCursor: null });
    if (c.path === '/api/v1/clusters') return json(200, { items: [], nextCursor: null });
    return json(404, { error: { code: 'not-found', message: `No route ${c.path}` } });
  });
}

function renderRow(instance: Instance, job: Job) {
  renderInApp(
    <Table>
      <Table.Tbody>
        <JobRow
          job={job}
          serverName={instance.name}
          names={jobNames([instance])}
          now={Date.parse(T(600))}
          onOpen={() => {}}
        />
      </Table.Tbody>
    </Table>,
  );
  return screen.getByTestId('job-row');
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('JobRow', () => {
  it('says what the job did with the server name, and the run time from its start', () => {
    const instance = testInstance('RUNNING');
    const row = renderRow(instance, restartJob(instance));
    expect(within(row).getByTestId('job-sentence').textContent).toBe(
      'Restart Test server with warnings at 15, 5 and 1 min',
    );
    // Queued at 0 s, started at 3 s, ended at 65 s: it ran 1 min 2 s, not 1 min 5 s.
    expect(within(row).getByTestId('job-run-time').textContent).toBe('1 min 2 s');
    expect(within(row).getByText('Completed')).toBeTruthy();
    expect(row.textContent).not.toMatch(/RESTART_INSTANCE|COMPLETED|countdownMinutes|\{/);
    expect(row.textContent).not.toContain(instance.id);
  });

  it('gives the reason of a failure in the row', () => {
    const instance = testInstance('STOPPED');
    const error = { code: 'start-failed', message: 'Could not start the server: no executable' };
    const row = renderRow(instance, restartJob(instance, { status: 'FAILED', error }));
    expect(within(row).getByTestId('job-outcome').textContent).toBe(error.message);
    expect(within(row).getByText('Failed')).toBeTruthy();
  });

  it('says a job cancelled in the queue never ran', () => {
    const instance = testInstance('STOPPED');
    const job = restartJob(instance, {
      status: 'CANCELLED',
      startedAt: null,
      error: { code: 'cancelled', message: 'Cancelled by a user before it started' },
    });
    const row = renderRow(instance, job);
    expect(within(row).getByTestId('job-run-time').textContent).toBe('did not run');
    expect(within(row).getByTestId('job-outcome').textContent).toBe('Cancelled by a user before it started');
  });
});

describe('JobDetailsDrawer', () => {
  it('gives the outcome in words and the times apart, never the stale last message', async () => {
    const instance = testInstance('RUNNING');
    const job = restartJob(instance);
    serve(instance, { ...job, runs: [run(job)] });
    renderInApp(<JobDetailsDrawer jobId={job.id} instances={[instance]} onClose={() => {}} />);
    const drawer = await screen.findByTestId('job-drawer');
    expect((await within(drawer).findByTestId('job-outcome')).textContent).toBe(
      'Restarted after 3 warnings (process 4242)',
    );
    // The server's name once the list of servers is in; never its id.
    await waitFor(() =>
      expect(within(drawer).getByTestId('job-sentence').textContent).toBe(
        'Restart Test server with warnings at 15, 5 and 1 min',
      ),
    );
    expect(within(drawer).getByTestId('job-times').textContent).toMatch(/waited 3 s, ran 1 min 2 s$/);
    expect(within(drawer).queryByText('Running')).toBeNull();
  });

  it('keeps ids and raw JSON in a folded technical section', async () => {
    const instance = testInstance('RUNNING');
    const job = restartJob(instance);
    serve(instance, { ...job, runs: [run(job)] });
    renderInApp(<JobDetailsDrawer jobId={job.id} instances={[instance]} onClose={() => {}} />);
    const drawer = await screen.findByTestId('job-drawer');
    const toggle = await within(drawer).findByTestId('technical-details');
    expect(drawer.textContent).not.toContain(job.id);
    expect(drawer.textContent).not.toContain('warningMinutes');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(drawer.textContent).toContain(job.id);
    expect(drawer.textContent).toContain('"warningMinutes"');
    expect(drawer.textContent).toContain('"pid": 4242');
  });

  it('names the backup a restore brought back, by its date', async () => {
    const instance = testInstance('STOPPED');
    const backupId = crypto.randomUUID();
    const job = restartJob(instance, { type: 'RESTORE_BACKUP', params: { backupId } });
    const createdAt = '2026-12-03T14:05:00.000Z';
    const restoreRun = run(job, {
      result: { backupId, safetyBackupId: crypto.randomUUID(), replaced: ['a', 'b'], added: [], removed: ['c'] },
    });
    fakeApi((c) => {
      if (c.path === `/api/v1/jobs/${job.id}`) return json(200, { ...job, runs: [restoreRun] });
      if (c.path === `/api/v1/instances/${instance.id}/backups/${backupId}`)
        return json(200, { id: backupId, createdAt });
      if (c.path === '/api/v1/instances') return json(200, { items: [instance], nextCursor: null });
      return json(200, { items: [], nextCursor: null });
    });
    renderInApp(<JobDetailsDrawer jobId={job.id} instances={[instance]} onClose={() => {}} />);
    const drawer = await screen.findByTestId('job-drawer');
    const sentence = await within(drawer).findByText(/^Restore the backup of .+ to Test server$/);
    expect(sentence.textContent).not.toContain(backupId);
    expect(within(drawer).getByTestId('job-outcome').textContent).toBe(
      'Restored: 2 files replaced, 0 added, 1 moved out; what was there before is in a pre-restore backup',
    );
  });
});
