// @vitest-environment jsdom
import { Notifications } from '@mantine/notifications';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GameSettingChange, GameSettingValue, InstanceStatus } from '@ark-asa/contracts';
import { fakeApi, installDomShims, json, renderInApp, testInstance, type Call } from '../../test/harness.tsx';
import { GameSettingsTab } from './GameSettingsTab.tsx';
import { TEST_CATALOGUE } from './test-catalogue.ts';

const iniText = (v: GameSettingChange['value']) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));

/** The three game-settings routes over an in-memory file; `Message=forbidden` gets a 400 naming the field. */
function serve(values: GameSettingValue[], status = 200) {
  let current = [...values];
  return fakeApi((c: Call) => {
    if (c.path.endsWith('/catalogue')) return json(200, { settings: TEST_CATALOGUE });
    if (c.method === 'GET') return json(200, { values: current, warnings: [] });
    if (status !== 200) return json(status, { error: { code: 'instance-running', message: 'Stop the server first' } });
    const { changes } = c.body as { changes: GameSettingChange[] };
    const bad = changes.findIndex((ch) => ch.value === 'forbidden');
    if (bad >= 0)
      return json(400, {
        error: {
          code: 'validation-failed',
          message: 'The request is not valid',
          details: { fields: [{ field: `changes.${bad}.value`, message: 'Not allowed by the server' }] },
        },
      });
    for (const ch of changes) {
      current = current.filter((v) => v.key !== ch.key);
      if (ch.value !== null)
        current.push({ file: ch.file, section: ch.section, key: ch.key, value: iniText(ch.value) });
    }
    return json(200, { values: current, warnings: [] });
  });
}

const patches = (calls: Call[]) => calls.filter((c) => c.method === 'PATCH').map((c) => c.body);

function renderTab(status: InstanceStatus) {
  renderInApp(
    <>
      <Notifications />
      <GameSettingsTab instance={testInstance(status)} />
    </>,
  );
}

/** Opens a category's fold, as a person clicks its heading. */
const openCategory = async (name: string) =>
  fireEvent.click(await screen.findByRole('button', { name: new RegExp(`^${name}\\b`) }));
const field = (label: string) => screen.findByLabelText<HTMLInputElement>(label);
const type = (el: HTMLInputElement, value: string) => fireEvent.change(el, { target: { value } });

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('GameSettingsTab', () => {
  it('finds the taming speed, says at the field why 500 is refused, and saves 2.5', async () => {
    const calls = serve([]);
    renderTab('STOPPED');
    await screen.findByRole('button', { name: /^Taming/ });
    expect(screen.queryByLabelText('Taming speed multiplier')).toBeNull(); // closed folds render no inputs
    fireEvent.change(await screen.findByLabelText('Search settings'), { target: { value: 'taming' } });
    expect(screen.getByTestId('game-settings-count').textContent).toBe('2 of 7 settings');
    expect(screen.queryByLabelText('Unlimited respecs')).toBeNull();

    type(await field('Taming speed multiplier'), '500');
    expect(await screen.findByText('Must be between 0.1 and 100')).toBeTruthy();
    expect((await field('Taming speed multiplier')).getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByTestId('game-settings-save'));
    expect((await screen.findByTestId('form-problems')).textContent).toBe(
      '1 field needs attention: Taming speed multiplier',
    );
    expect(patches(calls)).toEqual([]);

    type(await field('Taming speed multiplier'), '2.5');
    expect(screen.queryByText('Must be between 0.1 and 100')).toBeNull();
    expect(screen.getByTestId('game-settings-pending').textContent).toBe('1 change not saved yet');
    fireEvent.click(screen.getByTestId('game-settings-save'));
    expect(await screen.findByText('Saved 1 setting')).toBeTruthy();
    expect(patches(calls)).toEqual([
      {
        changes: [
          { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'TamingSpeedMultiplier', value: 2.5 },
        ],
      },
    ]);
    await waitFor(() => expect(screen.getByTestId('game-settings-pending').textContent).toBe('No unsaved changes'));
    expect(screen.queryByTestId('form-problems')).toBeNull();
  });

  it('shows only settings changed from default, and resets one with a switch flipped too', async () => {
    const calls = serve([
      { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'TamingSpeedMultiplier', value: '3.000000' },
      { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'AllowThirdPersonPlayer', value: 'True' },
    ]);
    renderTab('CRASHED');
    fireEvent.click(await screen.findByLabelText('Changed from default only'));
    // True is the default of third-person view: written in the file, but no change.
    expect(screen.getByTestId('game-settings-count').textContent).toBe('1 of 7 settings');
    expect((await field('Taming speed multiplier')).value).toBe('3');
    fireEvent.click(await screen.findByRole('button', { name: 'Reset Taming speed multiplier to default' }));
    expect((await field('Taming speed multiplier')).value).toBe('1');
    fireEvent.click(screen.getByLabelText('Changed from default only'));
    await openCategory('Rules');
    fireEvent.click(await field('Allow third-person view'));
    expect(screen.getByTestId('game-settings-save').textContent).toBe('Save 2 changes');
    fireEvent.click(screen.getByTestId('game-settings-save'));
    await screen.findByText('Saved 2 settings');
    expect(patches(calls)).toEqual([
      {
        changes: [
          { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'TamingSpeedMultiplier', value: null },
          { file: 'GameUserSettings.ini', section: 'ServerSettings', key: 'AllowThirdPersonPlayer', value: false },
        ],
      },
    ]);
  });

  it('puts the server’s refusal of a value at that field', async () => {
    serve([]);
    renderTab('STOPPED');
    await openCategory('Server');
    type(await field('Message of the day'), 'forbidden');
    fireEvent.click(screen.getByTestId('game-settings-save'));
    expect(await screen.findByText('Not allowed by the server')).toBeTruthy();
    expect((await field('Message of the day')).getAttribute('aria-invalid')).toBe('true');
    expect((await screen.findByTestId('form-problems')).textContent).toBe(
      '1 field needs attention: Message of the day',
    );
    type(await field('Message of the day'), 'Welcome');
    expect(screen.queryByText('Not allowed by the server')).toBeNull();
  });

  it('says beside Save why the API refused (the server started meanwhile)', async () => {
    serve([], 409);
    renderTab('STOPPED');
    await openCategory('Server');
    type(await field('Message of the day'), 'Hi');
    fireEvent.click(screen.getByTestId('game-settings-save'));
    expect((await screen.findByTestId('game-settings-error')).textContent).toBe('Stop the server first');
  });

  it('is read-only while the server runs, and says why', async () => {
    serve([]);
    renderTab('RUNNING');
    expect((await screen.findByTestId('game-settings-readonly')).textContent).toMatch(/stop the server first/i);
    await openCategory('Taming');
    expect((await field('Taming speed multiplier')).disabled).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>('game-settings-save').disabled).toBe(true);
    expect(screen.queryByRole('button', { name: /^Reset / })).toBeNull();
  });

  it('shows a setting the manager writes read-only, with the way to Settings', async () => {
    serve([{ file: 'GameUserSettings.ini', section: 'SessionSettings', key: 'SessionName', value: 'Demo' }]);
    renderTab('STOPPED');
    await openCategory('Server');
    expect((await field('Session name')).disabled).toBe(true);
    expect((await field('Session name')).value).toBe('Demo');
    expect(screen.getByTestId('game-setting-SessionName').querySelector('a[href$="/settings"]')).toBeTruthy();
  });
});
