// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InstanceSettings, type Instance, type InstanceStatus } from '@ark-asa/contracts';
import { RconInput } from './RconInput.tsx';

function instance(status: InstanceStatus): Instance {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    name: 'Test',
    agentId: crypto.randomUUID(),
    status,
    buildId: '1',
    installPath: '/x',
    settings: InstanceSettings.parse({}),
    createdAt: now,
    updatedAt: now,
  };
}

/** POST /rcon answering like ARK: real text for ListPlayers, the "no response" line for the rest. */
function fakeRcon() {
  const sent: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((_url: string, init?: RequestInit) => {
      const { command } = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as { command: string };
      sent.push(command);
      const response =
        command === 'ListPlayers'
          ? '0. Helena, 0002214a4a6742d9a347bd449b2dc143 \n'
          : 'Server received, But no response!! \n';
      return Promise.resolve(
        new Response(JSON.stringify({ response }), { status: 200, headers: { 'content-type': 'application/json' } }),
      );
    }),
  );
  return sent;
}

const renderInput = (i: Instance) =>
  render(
    <MantineProvider>
      <RconInput instance={i} />
    </MantineProvider>,
  );
const input = () => screen.getByTestId<HTMLInputElement>('rcon-input');
const send = (text: string) => {
  fireEvent.change(input(), { target: { value: text } });
  fireEvent.keyDown(input(), { key: 'Enter' });
};

beforeAll(() => {
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
  // jsdom has no scrolling; the transcript scrolls to its newest entry.
  Object.assign(Element.prototype, { scrollTo() {} });
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('RconInput', () => {
  it('sends on Enter and shows each command with its answer; "no response" reads as OK', async () => {
    const sent = fakeRcon();
    renderInput(instance('RUNNING'));
    send('ListPlayers');
    send('SaveWorld');
    await waitFor(() => expect(screen.getAllByTestId('rcon-response')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('rcon-response');
    expect(first?.textContent).toBe('0. Helena, 0002214a4a6742d9a347bd449b2dc143');
    expect(second?.textContent).toBe('OK (no output)');
    expect(sent).toEqual(['ListPlayers', 'SaveWorld']);
  });

  it('walks the history with the arrow keys and keeps it for the tab’s session', async () => {
    fakeRcon();
    const i = instance('RUNNING');
    const view = renderInput(i);
    send('ListPlayers');
    send('SaveWorld');
    await waitFor(() => expect(screen.getAllByTestId('rcon-response')).toHaveLength(2));
    fireEvent.change(input(), { target: { value: 'half typed' } });
    fireEvent.keyDown(input(), { key: 'ArrowUp' });
    expect(input().value).toBe('SaveWorld');
    fireEvent.keyDown(input(), { key: 'ArrowUp' });
    expect(input().value).toBe('ListPlayers');
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    fireEvent.keyDown(input(), { key: 'ArrowDown' });
    expect(input().value).toBe('half typed');
    view.unmount();
    renderInput(i);
    fireEvent.keyDown(input(), { key: 'ArrowUp' });
    expect(input().value).toBe('SaveWorld');
  });

  it('asks before DoExit', async () => {
    const sent = fakeRcon();
    renderInput(instance('RUNNING'));
    send('DoExit');
    expect(await screen.findByText('Send DoExit?')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByText('Send it'));
    await waitFor(() => expect(sent).toEqual(['DoExit']));
  });

  it('is disabled with a reason while the server is not running', () => {
    const sent = fakeRcon();
    renderInput(instance('STOPPED'));
    expect(input().disabled).toBe(true);
    expect(screen.getByText(/RCON answers only while it runs/)).toBeTruthy();
    send('ListPlayers');
    expect(sent).toEqual([]);
  });
});
