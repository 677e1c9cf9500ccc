// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Agent, ImportPreview } from '@ark-asa/contracts';
import { ATTIC, BASEMENT, LOCAL, offlineAnswer, REVOKED } from '../hosts/test-hosts.ts';
import { fakeApi, installDomShims, json, renderInApp, type Call } from '../../test/harness.tsx';
import { field, openSelect, pickOption } from '../../test/select.ts';
import { ImportServerPage } from './ImportServerPage.tsx';

const FOLDER = '/srv/ark/island';

/** What the host's scan finds in FOLDER: one world, the session name of its INI. */
const PREVIEW: ImportPreview = {
  sourcePath: FOLDER,
  hasServerExe: true,
  hasAsaApi: false,
  canRunInPlace: true,
  map: 'TheIsland_WP',
  worlds: [
    {
      saveDir: 'SavedArks',
      folder: 'TheIsland_WP',
      world: 'TheIsland_WP.ark',
      sizeBytes: 5000,
      modifiedAt: new Date().toISOString(),
      profiles: 1,
    },
  ],
  configFiles: [{ name: 'GameUserSettings.ini', sizeBytes: 80 }],
  playerLists: [],
  clusterDir: null,
  startScripts: [],
  settings: { sessionName: 'Basement Island' },
  warnings: [],
};

/** The control plane: Basement previews and imports, Attic is offline. */
function api(agents: Agent[]) {
  return fakeApi((c: Call) => {
    if (c.path === '/api/v1/agents') return json(200, { items: agents, nextCursor: null });
    const body = c.body as { agentId?: string } | undefined;
    if (c.method === 'POST' && body?.agentId === ATTIC.id) return offlineAnswer('Attic');
    if (c.path === '/api/v1/instances/import/preview') return json(200, PREVIEW);
    return json(404, { error: { code: 'not-found', message: 'no' } });
  });
}
const posts = (calls: Call[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

async function previewFolder() {
  fireEvent.change(await field(/^Server folder/), { target: { value: FOLDER } });
  fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ImportServerPage with several hosts', { timeout: 60_000 }, () => {
  it('lists live hosts, says the folder is on the picked host and sends its id with preview and import', async () => {
    const calls = api([LOCAL, BASEMENT, ATTIC, REVOKED]);
    renderInApp(<ImportServerPage />, { mantineEnv: 'test' });
    expect(((await field('Host')) as HTMLInputElement).value).toBe('desk (this PC)');
    expect(await screen.findByText(/^The folder on this PC that holds ShooterGame/)).toBeTruthy();
    const list = await openSelect('Host');
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['desk (this PC)', 'Basement', 'Attic (offline)']);
    fireEvent.click(within(list).getByRole('option', { name: 'Basement' }));
    expect(await screen.findByText('The folder on Basement that holds ShooterGame, e.g. /srv/ark/island')).toBeTruthy();
    await previewFolder();
    expect(await screen.findByText(/TheIsland_WP\.ark/)).toBeTruthy();
    expect(posts(calls, '/api/v1/instances/import/preview').map((c) => c.body)).toEqual([
      { sourcePath: FOLDER, agentId: BASEMENT.id },
    ]);
    expect(((await field(/^Name/)) as HTMLInputElement).value).toBe('Basement Island');
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(posts(calls, '/api/v1/instances/import')).toHaveLength(1));
    expect(posts(calls, '/api/v1/instances/import')[0]!.body).toEqual({
      sourcePath: FOLDER,
      name: 'Basement Island',
      mode: 'copy',
      agentId: BASEMENT.id,
    });
  });

  it('says at the host field why an offline host will fail, and shows the API’s answer naming it', async () => {
    const calls = api([LOCAL, BASEMENT, ATTIC]);
    renderInApp(<ImportServerPage />, { mantineEnv: 'test' });
    await pickOption('Host', 'Attic (offline)');
    expect(
      await screen.findByText('Attic is offline: importing a server there fails until it reconnects'),
    ).toBeTruthy();
    await previewFolder();
    // At the field and beside the button the user pressed.
    await waitFor(() => expect(screen.getAllByText('Host "Attic" is offline')).toHaveLength(2));
    expect(posts(calls, '/api/v1/instances/import/preview')[0]!.body).toEqual({
      sourcePath: FOLDER,
      agentId: ATTIC.id,
    });
    expect((await field('Host')).getAttribute('aria-invalid')).toBe('true');
  });

  it('forgets the preview when another host is picked: it described the other host’s folder', async () => {
    api([LOCAL, BASEMENT]);
    renderInApp(<ImportServerPage />, { mantineEnv: 'test' });
    await pickOption('Host', 'Basement');
    await previewFolder();
    expect(await screen.findByRole('button', { name: 'Import' })).toBeTruthy();
    await pickOption('Host', 'desk (this PC)');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Import' })).toBeNull());
  });

  it('sends no host for this PC, and shows no picker when this PC is the only host', async () => {
    const calls = api([LOCAL, REVOKED]);
    renderInApp(<ImportServerPage />, { mantineEnv: 'test' });
    expect(await screen.findByText(/^The folder on this PC that holds ShooterGame/)).toBeTruthy();
    expect(screen.queryByLabelText('Host')).toBeNull();
    await previewFolder();
    await waitFor(() => expect(posts(calls, '/api/v1/instances/import/preview')).toHaveLength(1));
    expect(posts(calls, '/api/v1/instances/import/preview')[0]!.body).toEqual({ sourcePath: FOLDER });
  });
});
