// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopBridge, UpdateStatus } from '@ark-asa/contracts';
import { fakeBridge } from './fake-bridge.ts';
import { UpdateBanner } from './UpdateBanner.tsx';

beforeAll(() => {
  // jsdom lacks the media queries Mantine reads.
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
});
afterEach(() => {
  cleanup();
  Reflect.deleteProperty(window, 'arkDesktop');
});

function show(bridge?: DesktopBridge) {
  return render(
    <MantineProvider>
      <UpdateBanner bridge={bridge} />
    </MantineProvider>,
  );
}

async function showWith(initial: UpdateStatus) {
  const fake = fakeBridge(initial);
  show(fake.bridge);
  await act(() => Promise.resolve());
  return fake;
}

describe('UpdateBanner', () => {
  it('shows nothing in a plain browser (no bridge)', () => {
    show(undefined);
    expect(screen.queryByTestId('update-banner')).toBeNull();
  });

  it('picks up window.arkDesktop when the shell provides it', async () => {
    const fake = fakeBridge({ state: 'available', version: '2.0.0' });
    Object.defineProperty(window, 'arkDesktop', { value: fake.bridge, configurable: true });
    render(
      <MantineProvider>
        <UpdateBanner />
      </MantineProvider>,
    );
    expect(await screen.findByText('Version 2.0.0 of the manager is available')).toBeTruthy();
  });

  it.each<UpdateStatus>([{ state: 'idle' }, { state: 'checking' }, { state: 'unsupported' }])(
    'stays hidden while $state',
    async (s) => {
      await showWith(s);
      expect(screen.queryByTestId('update-banner')).toBeNull();
    },
  );

  it('offers the download, then shows progress, then the restart', async () => {
    const fake = await showWith({ state: 'idle' });
    act(() => fake.push({ state: 'available', version: '2.0.0' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    expect(fake.bridge.downloadUpdate).toHaveBeenCalledOnce();

    act(() => fake.push({ state: 'downloading', version: '2.0.0', percent: 42.4 }));
    expect(screen.getByRole('progressbar', { name: 'Update download' }).getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByText(/42% downloaded/)).toBeTruthy();

    act(() => fake.push({ state: 'downloaded', version: '2.0.0' }));
    fireEvent.click(screen.getByRole('button', { name: 'Restart to update' }));
    expect(fake.bridge.installUpdate).toHaveBeenCalledOnce();
  });

  it('shows the shell’s error and can be dismissed until the next notice', async () => {
    const fake = await showWith({ state: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' });
    expect(screen.getByRole('alert').textContent).toContain('net::ERR_INTERNET_DISCONNECTED');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the update notice' }));
    expect(screen.queryByTestId('update-banner')).toBeNull();
    act(() => fake.push({ state: 'available', version: '2.0.1' }));
    expect(screen.getByTestId('update-banner')).toBeTruthy();
  });

  it('says so when the shell refuses the download', async () => {
    const fake = await showWith({ state: 'available', version: '2.0.0' });
    fake.bridge.downloadUpdate.mockRejectedValueOnce(new Error('Disk full'));
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    expect(await screen.findByText('Disk full')).toBeTruthy();
  });

  it('unsubscribes when unmounted', async () => {
    const fake = fakeBridge({ state: 'idle' });
    const view = show(fake.bridge);
    await act(() => Promise.resolve());
    expect(fake.listeners.size).toBe(1);
    view.unmount();
    expect(fake.listeners.size).toBe(0);
  });
});
