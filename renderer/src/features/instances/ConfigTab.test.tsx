// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InstanceSettings, type Instance, type InstanceStatus } from '@ark-asa/contracts';
import { ConfigTab } from './ConfigTab.tsx';

const GUS =
  '[ServerSettings]\r\nRCONEnabled=True\r\nServerPassword=\r\n\r\n[SessionSettings]\r\nSessionName=Demo  \r\n';
const GAME = '[/script/shootergame.shootergamemode]\r\nbAllowUnlimitedRespecs=True';

function instance(status: InstanceStatus): Instance {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    name: 'Test server',
    agentId: crypto.randomUUID(),
    status,
    buildId: '1',
    installPath: '/x',
    settings: InstanceSettings.parse({}),
    createdAt: now,
    updatedAt: now,
  };
}

/** The control plane's two config routes, in memory; records what was PUT. */
function fakeApi() {
  const files: Record<string, string> = { 'GameUserSettings.ini': GUS, 'Game.ini': GAME };
  const puts: { file: string; body: string }[] = [];
  const fetchMock = vi.fn((url: string, init?: RequestInit) => {
    const file = decodeURIComponent(url.split('/').pop() ?? '');
    if (init?.method === 'PUT') {
      const body = typeof init.body === 'string' ? init.body : '';
      puts.push({ file, body });
      files[file] = body;
    }
    return Promise.resolve(new Response(files[file] ?? '', { status: 200, headers: { 'content-type': 'text/plain' } }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return { puts };
}

function renderTab(i: Instance) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={qc}>
        <MemoryRouter>
          <ConfigTab instance={i} />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

const editor = () => screen.findByTestId<HTMLTextAreaElement>('config-editor');

beforeAll(() => {
  // jsdom lacks these; Mantine asks for them.
  const matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener() {},
      removeEventListener() {},
      addListener() {},
      removeListener() {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
  Object.assign(window, { matchMedia });
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ConfigTab', () => {
  it('saves an edit with the file’s CRLF line endings and its final line break', async () => {
    const api = fakeApi();
    renderTab(instance('STOPPED'));
    const area = await editor();
    await waitFor(() => expect(area.value).toContain('SessionName=Demo  '));
    expect(area.value).not.toContain('\r');
    fireEvent.change(area, {
      target: { value: area.value.replace('RCONEnabled=True\n', 'RCONEnabled=True\nAllowThirdPersonPlayer=True\n') },
    });
    expect(screen.getByTestId('config-modified')).toBeTruthy();
    fireEvent.click(screen.getByTestId('config-save'));
    await waitFor(() => expect(api.puts).toHaveLength(1));
    expect(api.puts[0]).toEqual({
      file: 'GameUserSettings.ini',
      body: '[ServerSettings]\r\nRCONEnabled=True\r\nAllowThirdPersonPlayer=True\r\nServerPassword=\r\n\r\n[SessionSettings]\r\nSessionName=Demo  \r\n',
    });
    await waitFor(() => expect(screen.queryByTestId('config-modified')).toBeNull());
  });

  it('keeps a file without a final line break that way', async () => {
    const api = fakeApi();
    renderTab(instance('CRASHED'));
    fireEvent.click(await screen.findByText('Game.ini'));
    const area = await editor();
    await waitFor(() => expect(area.value).toContain('bAllowUnlimitedRespecs'));
    fireEvent.change(area, { target: { value: `${area.value}\nMaxDifficulty=True\n` } });
    fireEvent.click(screen.getByTestId('config-save'));
    await waitFor(() => expect(api.puts).toHaveLength(1));
    expect(api.puts[0]?.body).toBe(`${GAME}\r\nMaxDifficulty=True`);
  });

  it('is read-only while the server runs, and says why', async () => {
    const api = fakeApi();
    renderTab(instance('RUNNING'));
    const area = await editor();
    expect(area.readOnly).toBe(true);
    expect((await screen.findByTestId('config-readonly')).textContent).toMatch(/stop the server first/i);
    expect(screen.getByTestId<HTMLButtonElement>('config-save').disabled).toBe(true);
    expect(api.puts).toHaveLength(0);
  });

  it('asks before switching files with unsaved changes', async () => {
    fakeApi();
    renderTab(instance('STOPPED'));
    const area = await editor();
    await waitFor(() => expect(area.value).toContain('RCONEnabled'));
    fireEvent.change(area, { target: { value: `${area.value}X=1\n` } });
    fireEvent.click(screen.getByText('Game.ini'));
    expect(await screen.findByText('Unsaved changes in GameUserSettings.ini')).toBeTruthy();
    fireEvent.click(screen.getByText('Discard and switch'));
    await waitFor(async () => expect((await editor()).value).toContain('bAllowUnlimitedRespecs'));
    fireEvent.click(screen.getByText('GameUserSettings.ini'));
    await waitFor(async () => expect((await editor()).value).toContain('RCONEnabled'));
    expect((await editor()).value).not.toContain('X=1');
  });
});
