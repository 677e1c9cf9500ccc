// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CurseForgeKeyState } from '@ark-asa/contracts';
import { CurseForgeKeySection } from './CurseForgeKeySection.tsx';
import { installDomShims, renderInApp } from '../../test/harness.tsx';

function fakeApi(initial: CurseForgeKeyState) {
  const puts: unknown[] = [];
  let state = initial;
  vi.stubGlobal(
    'fetch',
    vi.fn((_url: string, init?: RequestInit) => {
      if (init?.method === 'PUT') {
        const body = JSON.parse(typeof init.body === 'string' ? init.body : 'null') as { apiKey: string | null };
        puts.push(body);
        state = {
          apiKey: body.apiKey && '********',
          configured: body.apiKey !== null,
          updatedAt: new Date().toISOString(),
        };
      }
      return Promise.resolve(
        new Response(JSON.stringify(state), { status: 200, headers: { 'content-type': 'application/json' } }),
      );
    }),
  );
  return puts;
}

function renderSection() {
  return renderInApp(<CurseForgeKeySection />);
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('CurseForgeKeySection', () => {
  it('checks the key at the field before sending, then saves it', async () => {
    const puts = fakeApi({ apiKey: null, configured: false, updatedAt: null });
    renderSection();
    const input = await screen.findByLabelText('API key');
    fireEvent.change(input, { target: { value: 'abc def' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    expect(await screen.findByText('An API key has no spaces or line breaks')).toBeTruthy();
    expect(puts).toHaveLength(0);
    fireEvent.change(input, { target: { value: '$2a$10$abcdef' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(puts).toEqual([{ apiKey: '$2a$10$abcdef' }]));
    expect(await screen.findByText(/^Key set/)).toBeTruthy();
  });

  it('removes the stored key only after the confirmation', async () => {
    const puts = fakeApi({ apiKey: '********', configured: true, updatedAt: new Date().toISOString() });
    renderSection();
    fireEvent.click(await screen.findByRole('button', { name: 'Remove key…' }));
    expect(puts).toHaveLength(0);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove the key' }));
    await waitFor(() => expect(puts).toEqual([{ apiKey: null }]));
  });
});
