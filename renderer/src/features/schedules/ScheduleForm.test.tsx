// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Schedule } from '@ark-asa/contracts';
import { fakeApi, installDomShims, json, renderInApp, type Call } from '../../test/harness.tsx';
import { ScheduleForm } from './ScheduleForm.tsx';

const INSTANCE = '6f1c2a8e-0000-4000-8000-000000000001';

/** Creating and editing answer with the schedule, or with the given 400. */
function api(refuse?: { field: string; message: string }) {
  return fakeApi((c: Call) => {
    if (refuse)
      return json(400, {
        error: { code: 'validation-failed', message: 'The request is not valid', details: { fields: [refuse] } },
      });
    if (c.method === 'GET') return json(200, { items: [], nextCursor: null });
    return json(c.method === 'POST' ? 201 : 200, { ...(c.body as object), id: 'x' });
  });
}

function renderForm(schedule: Schedule | null = null) {
  const onDone = vi.fn();
  renderInApp(<ScheduleForm instanceId={INSTANCE} schedule={schedule} onDone={onDone} />);
  return onDone;
}

const save = () => fireEvent.click(screen.getByTestId('schedule-save'));
const sent = (calls: Call[]) => calls.filter((c) => c.method !== 'GET');

async function chooseAction(label: string) {
  fireEvent.click(screen.getByRole('combobox', { name: 'Action' }));
  fireEvent.click(await screen.findByRole('option', { name: label }));
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ScheduleForm', () => {
  it('the update template sends the issue’s sentence as a schedule', async () => {
    const calls = api();
    const onDone = renderForm();
    fireEvent.click(screen.getByRole('button', { name: /Check for updates every 30 minutes/ }));
    expect(screen.getByTestId('cron-preview').textContent).toMatch(/Every 30 minutes/);
    save();
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent(calls)).toEqual([
      {
        method: 'POST',
        path: `/api/v1/instances/${INSTANCE}/schedules`,
        body: expect.objectContaining({
          action: 'UPDATE',
          cron: '*/30 * * * *',
          warningMinutes: [10, 5, 1],
          updateWindow: { start: '04:00', end: '07:00' },
          message: null,
          command: null,
        }),
      },
    ]);
  });

  it('a BROADCAST without a message is stopped at the field, before sending', async () => {
    const calls = api();
    renderForm();
    await chooseAction('Broadcast');
    save();
    const message = await screen.findByRole('textbox', { name: /^Message/ });
    expect(message.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('A BROADCAST schedule needs the message to send')).toBeTruthy();
    expect(sent(calls)).toEqual([]);
  });

  it('shows the API’s validation message at its field', async () => {
    api({ field: 'timezone', message: 'An IANA time zone, e.g. Europe/Berlin' });
    const onDone = renderForm();
    save();
    const zone = await screen.findByRole('combobox', { name: /^Time zone/ });
    await waitFor(() => expect(zone.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('An IANA time zone, e.g. Europe/Berlin')).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('edits with a PATCH that clears what the new action does not use', async () => {
    const calls = api();
    const now = new Date().toISOString();
    const schedule: Schedule = {
      id: 's1',
      instanceId: INSTANCE,
      action: 'RCON',
      cron: '0 */6 * * *',
      description: 'Every 6 hours',
      enabled: true,
      message: null,
      command: 'SaveWorld',
      warningMinutes: null,
      onlyWhenEmpty: false,
      timezone: 'UTC',
      updateWindow: null,
      nextRunAt: now,
      lastRunAt: null,
      lastResult: null,
      createdAt: now,
      updatedAt: now,
    };
    const onDone = renderForm(schedule);
    expect(within(screen.getByTestId('schedule-form')).getByRole('combobox', { name: 'Every' })).toHaveProperty(
      'value',
      '6 hours',
    );
    await chooseAction('Backup');
    save();
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent(calls)[0]).toMatchObject({
      method: 'PATCH',
      path: `/api/v1/instances/${INSTANCE}/schedules/s1`,
      body: { action: 'BACKUP', cron: '0 */6 * * *', command: null, timezone: 'UTC' },
    });
  });
});
