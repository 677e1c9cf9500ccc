// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InstanceSettings, type Instance } from '@ark-asa/contracts';
import { UnconfirmedProcessAlert } from './UnconfirmedProcessAlert.tsx';
import { installDomShims } from '../../test/harness.tsx';

function instance(pid: number | null): Instance {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    name: 'Test',
    agentId: crypto.randomUUID(),
    status: pid ? 'CRASHED' : 'STOPPED',
    buildId: '1',
    installPath: '/x',
    settings: InstanceSettings.parse({}),
    attention: pid ? { kind: 'unconfirmed-process', pid, message: `A process (pid ${pid}) …` } : null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Answers every POST with the instance as the server would after the choice. */
function fakeApi(after: Instance) {
  const posts: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      posts.push({ url, body: JSON.parse(typeof init?.body === 'string' ? init.body : '{}') });
      const reply = JSON.stringify(after);
      return Promise.resolve(new Response(reply, { status: 200, headers: { 'content-type': 'application/json' } }));
    }),
  );
  return posts;
}

const renderAlert = (i: Instance) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <UnconfirmedProcessAlert instance={i} />
      </MantineProvider>
    </QueryClientProvider>,
  );

beforeAll(installDomShims);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('UnconfirmedProcessAlert', () => {
  it('shows nothing when there is nothing to decide', () => {
    renderAlert(instance(null));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('names the pid and adopts it at one click', async () => {
    const i = instance(4242);
    const posts = fakeApi({ ...i, status: 'STARTING', attention: null });
    renderAlert(i);
    expect(screen.getByText('A process (pid 4242) that may be this server is still running')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'It is this server (adopt)' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.url).toContain(`/api/v1/instances/${i.id}/unconfirmed-process`);
    expect(posts[0]!.body).toEqual({ action: 'adopt' });
  });

  it('ends the process only after a confirmation', async () => {
    const i = instance(4242);
    const posts = fakeApi({ ...i, status: 'STOPPED', attention: null });
    renderAlert(i);
    fireEvent.click(screen.getByRole('button', { name: 'End process 4242' }));
    expect(posts).toHaveLength(0);
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'End process 4242' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.body).toEqual({ action: 'end' });
  });
});
