// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PlayerListEditor } from './PlayerListEditor.tsx';
import { idLines, listProblem } from './player-list-text.ts';
import { installDomShims } from '../../test/harness.tsx';

const A = '0002214a4a6742d9a347bd449b2dc143';
const B = '00029f3b7c1d4e5fa6b7c8d9e0f1a2b3';

/** The list routes in memory; records each PUT body. */
function fakeApi(ids: string[]) {
  const puts: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((_url: string, init?: RequestInit) => {
      if (init?.method === 'PUT') {
        const body = JSON.parse(typeof init.body === 'string' ? init.body : '{}') as { ids: string[] };
        puts.push(body);
        ids = body.ids;
      }
      const answer = {
        list: 'admins',
        ids,
        file: 'ShooterGame/Saved/AllowedCheaterAccountIDs.txt',
        appliesAtNextStart: false,
      };
      return Promise.resolve(
        new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } }),
      );
    }),
  );
  return { puts };
}

function renderEditor() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={qc}>
        <PlayerListEditor instanceId={crypto.randomUUID()} list="admins" title="Admins" help="help" />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

beforeAll(installDomShims);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('player list text', () => {
  it('reads one id per line, skipping blank lines, and names a bad line by its number', () => {
    expect(idLines(`${A}\n\n  ${B}  \n`).map((l) => [l.line, l.id])).toEqual([
      [1, A],
      [3, B],
    ]);
    expect(listProblem(`${A}\n\nnope\n`)).toMatch(/^Line 3: .*32 hex/);
    expect(listProblem(`${A}\n${A}`)).toMatch(/only once/);
    expect(listProblem('')).toBeNull();
  });
});

describe('PlayerListEditor', () => {
  it('shows the stored ids, refuses a bad line at the field, and saves the good list', async () => {
    const api = fakeApi([A]);
    renderEditor();
    const box = within(screen.getByTestId('player-list-admins')).getByRole<HTMLTextAreaElement>('textbox');
    await waitFor(() => expect(box.value).toBe(`${A}\n`));

    fireEvent.change(box, { target: { value: `${A}\nnot-an-id\n` } });
    fireEvent.click(screen.getByRole('button', { name: /save admins/i }));
    expect(await screen.findByText(/Line 2: A player id is 32 hex characters/)).toBeTruthy();
    expect(api.puts).toHaveLength(0);

    fireEvent.change(box, { target: { value: `${A}\n${B}\n` } });
    fireEvent.click(screen.getByRole('button', { name: /save admins/i }));
    await waitFor(() => expect(api.puts).toEqual([{ ids: [A, B] }]));
  });
});
