// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BACKUP_POLICY, type Backup, type Instance, type InstanceStatus } from '@ark-asa/contracts';
import { BackupsTab } from './BackupsTab.tsx';
import { fakeApi, installDomShims, json, renderInApp, testInstance, type Call } from '../../test/harness.tsx';

function backup(instanceId: string): Backup {
  return {
    id: crypto.randomUUID(),
    instanceId,
    fileName: 'b.zip',
    sizeBytes: 3 * 1024 ** 2,
    createdAt: new Date().toISOString(),
    kind: 'scheduled',
    entries: 4,
    map: 'TheIsland_WP',
    verified: true,
    note: null,
  };
}

/** Backups, policy and restore routes; a 400 for a policy PUT when `refusePolicy` is given. */
function api(i: Instance, b: Backup, refusePolicy?: { field: string; message: string }) {
  return fakeApi((c: Call) => {
    if (c.path.endsWith('/backups') && c.method === 'GET') return json(200, { items: [b], nextCursor: null });
    if (c.path.endsWith('/backup-policy') && c.method === 'GET') return json(200, DEFAULT_BACKUP_POLICY);
    if (c.path.endsWith('/backup-policy') && refusePolicy)
      return json(400, {
        error: { code: 'validation-failed', message: 'Invalid', details: { fields: [refusePolicy] } },
      });
    if (c.path.endsWith('/backup-policy')) return json(200, c.body);
    if (c.path.endsWith('/restore'))
      return json(202, {
        job: {
          id: crypto.randomUUID(),
          type: 'RESTORE_BACKUP',
          status: 'PENDING',
          instanceId: i.id,
          agentId: null,
          params: {},
          createdAt: b.createdAt,
          updatedAt: b.createdAt,
        },
      });
    return json(404, { error: { code: 'not-found', message: 'No such route' } });
  });
}

const setup = (status: InstanceStatus, refusePolicy?: { field: string; message: string }) => {
  const i = testInstance(status);
  const b = backup(i.id);
  const calls = api(i, b, refusePolicy);
  renderInApp(<BackupsTab instance={i} />);
  return { i, b, calls };
};

const restoreButton = async () =>
  within(await screen.findByTestId('backup-row')).getByRole('button', { name: /^Restore/ });

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('BackupsTab', () => {
  it('disables Restore while the server runs and says why', async () => {
    setup('RUNNING');
    const button = await restoreButton();
    expect((button as HTMLButtonElement).disabled).toBe(true);
    const reason = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toMatch(/running: stop it to restore/);
  });

  it('restores in two clicks, after saying a safety backup comes first', async () => {
    const { b, calls } = setup('STOPPED');
    fireEvent.click(await restoreButton());
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toMatch(/safety backup/);
    expect(dialog.textContent).toMatch(/must be stopped/);
    expect(calls.some((c) => c.path.endsWith('/restore'))).toBe(false);
    fireEvent.click(within(dialog).getByTestId('restore-confirm'));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
        `/api/v1/instances/${b.instanceId}/backups/${b.id}/restore`,
      ]),
    );
    expect(await screen.findByTestId('restore-outcome')).toBeTruthy();
  });

  it('sums the space the backups take against the size limit', async () => {
    setup('STOPPED');
    await screen.findByTestId('backup-row');
    await waitFor(() =>
      expect(screen.getByTestId('backup-usage').textContent).toBe('1 backup · 3.0 MiB used of 20.0 GiB'),
    );
  });

  it('checks the retention form in the browser before sending anything', async () => {
    const { calls } = setup('STOPPED');
    fireEvent.change(await screen.findByLabelText('Backups to keep'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText('A whole number from 1 to 10 000')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('shows the API’s validation message at its field', async () => {
    const { calls } = setup('STOPPED', { field: 'maxTotalBytes', message: 'Larger than the disk' });
    fireEvent.change(await screen.findByLabelText('Maximum total size (GiB)'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
        keepCount: 48,
        maxAgeDays: null,
        maxTotalBytes: 30 * 1024 ** 3,
      }),
    );
    const input = await screen.findByLabelText('Maximum total size (GiB)');
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(
      document.getElementById(
        input
          .getAttribute('aria-describedby')
          ?.split(' ')
          .find((id) => id.endsWith('error')) ?? '',
      )?.textContent,
    ).toBe('Larger than the disk');
  });
});
