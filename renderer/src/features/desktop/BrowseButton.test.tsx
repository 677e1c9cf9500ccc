// @vitest-environment jsdom
import { MantineProvider, TextInput } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withBrowse } from './BrowseButton.tsx';
import { steamcmdIn } from './desktop-bridge.ts';
import { fakeBridge } from './fake-bridge.ts';

beforeAll(() => {
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

function field(onPick: (dir: string) => void) {
  render(
    <MantineProvider>
      <TextInput
        label="Data root"
        inputContainer={withBrowse({
          title: 'Choose the data root',
          what: 'the data root folder',
          defaultPath: 'C:\\ARK',
          onPick,
        })}
      />
    </MantineProvider>,
  );
}

describe('Browse…', () => {
  it('is absent in a plain browser', () => {
    field(vi.fn());
    expect(screen.getByLabelText('Data root')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Browse/ })).toBeNull();
  });

  it('opens the native picker and fills the field with the chosen folder', async () => {
    const fake = fakeBridge();
    Object.defineProperty(window, 'arkDesktop', { value: fake.bridge, configurable: true });
    const onPick = vi.fn();
    field(onPick);
    fireEvent.click(screen.getByRole('button', { name: 'Browse for the data root folder' }));
    await waitFor(() => expect(onPick).toHaveBeenCalledWith('D:\\ARK'));
    expect(fake.bridge.pickFolder).toHaveBeenCalledWith({ title: 'Choose the data root', defaultPath: 'C:\\ARK' });
  });

  it('leaves the field alone when the picker is cancelled', async () => {
    const fake = fakeBridge();
    fake.bridge.pickFolder.mockResolvedValueOnce(null);
    Object.defineProperty(window, 'arkDesktop', { value: fake.bridge, configurable: true });
    const onPick = vi.fn();
    field(onPick);
    fireEvent.click(screen.getByRole('button', { name: 'Browse for the data root folder' }));
    await waitFor(() => expect(fake.bridge.pickFolder).toHaveBeenCalled());
    expect(onPick).not.toHaveBeenCalled();
  });
});

describe('steamcmdIn', () => {
  it('appends the executable with the folder’s own separator', () => {
    expect(steamcmdIn('D:\\ARK\\steamcmd\\')).toBe('D:\\ARK\\steamcmd\\steamcmd.exe');
    expect(steamcmdIn('/opt/steamcmd')).toBe('/opt/steamcmd/steamcmd.sh');
  });
});
