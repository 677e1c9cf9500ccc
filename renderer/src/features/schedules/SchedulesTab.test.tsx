// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Schedule } from '@ark-asa/contracts';
import { fakeApi, installDomShims, json, renderInApp, testInstance, type Call } from '../../test/harness.tsx';
import { SchedulesTab } from './SchedulesTab.tsx';

function schedule(instanceId: string): Schedule {
  const now = Date.now();
  return {
    id: 's1',
    instanceId,
    action: 'RESTART',
    cron: '0 5 * * *',
    description: 'At 05:00',
    enabled: true,
    message: null,
    command: null,
    warningMinutes: [15, 5, 1],
    onlyWhenEmpty: false,
    timezone: 'Asia/Tokyo',
    updateWindow: null,
    nextRunAt: new Date(now + 3 * 3600_000).toISOString(),
    lastRunAt: new Date(now - 3600_000).toISOString(),
    lastResult: {
      status: 'skipped',
      reason: '2 players online (this schedule runs only when nobody is)',
      jobId: 'job-1',
    },
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
  };
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SchedulesTab', () => {
  it('lists a schedule with its words, its zone’s next run and the last outcome with its job', async () => {
    const i = testInstance('RUNNING');
    const s = schedule(i.id);
    fakeApi(() => json(200, { items: [s], nextCursor: null }));
    renderInApp(<SchedulesTab instance={i} />);
    const row = await screen.findByTestId('schedule-row');
    expect(row.textContent).toMatch(/At 05:00/);
    expect(row.textContent).toMatch(/in 3 h/);
    expect(row.textContent).toMatch(/GMT\+9/);
    expect(within(row).getByTestId('schedule-last-result').textContent).toMatch(/skipped.*2 players online/);
    expect(within(row).getByRole('link', { name: 'the job' }).getAttribute('href')).toBe('/jobs?job=job-1');
  });

  it('the enabled switch sends only the change', async () => {
    const i = testInstance('RUNNING');
    const s = schedule(i.id);
    const calls = fakeApi((c: Call) =>
      c.method === 'PATCH'
        ? json(200, { ...s, enabled: false, nextRunAt: null })
        : json(200, { items: [s], nextCursor: null }),
    );
    renderInApp(<SchedulesTab instance={i} />);
    fireEvent.click(within(await screen.findByTestId('schedule-row')).getByRole('switch'));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'PATCH')).toEqual([
        { method: 'PATCH', path: `/api/v1/instances/${i.id}/schedules/s1`, body: { enabled: false } },
      ]),
    );
  });
});
