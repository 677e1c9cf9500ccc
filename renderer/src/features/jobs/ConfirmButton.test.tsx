// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfirmButton } from './ConfirmButton.tsx';

beforeAll(() => {
  // jsdom lacks the media queries and observers Mantine's modal reads.
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
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});
afterEach(cleanup);

function setup() {
  const onConfirm = vi.fn();
  render(
    <MantineProvider>
      <ConfirmButton
        label="Delete…"
        title="Delete build 1?"
        body="Gone for good."
        confirmLabel="Delete the build"
        keepLabel="Keep it"
        onConfirm={onConfirm}
      />
    </MantineProvider>,
  );
  return onConfirm;
}

describe('ConfirmButton', () => {
  it('does nothing destructive on the first click, only asks', async () => {
    const onConfirm = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    expect(await screen.findByRole('dialog', { name: 'Delete build 1?' })).toBeTruthy();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('acts only after the explicit confirmation', async () => {
    const onConfirm = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete the build' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it('keeps things as they are when the user backs out', async () => {
    const onConfirm = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Keep it' }));
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
