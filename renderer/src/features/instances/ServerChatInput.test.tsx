// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InstanceSettings, type Instance, type InstanceStatus } from '@ark-asa/contracts';
import { ServerChatInput } from './ServerChatInput.tsx';
import { installDomShims } from '../../test/harness.tsx';

function instance(status: InstanceStatus): Instance {
  const now = new Date().toISOString();
  const settings = InstanceSettings.parse({});
  return {
    id: crypto.randomUUID(),
    name: 'Test',
    agentId: crypto.randomUUID(),
    status,
    buildId: '1',
    installPath: '/x',
    settings,
    createdAt: now,
    updatedAt: now,
  };
}

function fakeApi() {
  const posts: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      posts.push({ url, body: JSON.parse(typeof init?.body === 'string' ? init.body : '{}') });
      const reply = JSON.stringify({ response: 'Server received, But no response!!' });
      return Promise.resolve(new Response(reply, { status: 200, headers: { 'content-type': 'application/json' } }));
    }),
  );
  return posts;
}

const renderInput = (i: Instance) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MantineProvider>
        <ServerChatInput instance={i} />
      </MantineProvider>
    </QueryClientProvider>,
  );
const input = () => screen.getByTestId<HTMLInputElement>('chat-input');

beforeAll(installDomShims);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ServerChatInput', () => {
  it('posts the message to the chat route on Enter and clears the box', async () => {
    const posts = fakeApi();
    const i = instance('RUNNING');
    renderInput(i);
    fireEvent.change(input(), { target: { value: '  hello survivors ' } });
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(input().value).toBe(''));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toContain(`/api/v1/instances/${i.id}/chat`);
    expect(posts[0]!.body).toEqual({ message: 'hello survivors' });
  });

  it('is disabled while the server is not running', () => {
    fakeApi();
    renderInput(instance('STOPPED'));
    expect(input().disabled).toBe(true);
    expect(screen.getByTestId('chat-send')).toHaveProperty('disabled', true);
  });
});
