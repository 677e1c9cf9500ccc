import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { InstanceSettings, type Instance, type InstanceStatus } from '@ark-asa/contracts';
import { EventClient } from '../api/event-client.ts';
import { EventsContext } from '../app/live.tsx';

/** What jsdom lacks and Mantine's modals, selects and inputs read. Call once in beforeAll. */
export function installDomShims(): void {
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
  Object.assign(Element.prototype, { scrollIntoView() {}, scrollTo() {} });
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

export function testInstance(status: InstanceStatus): Instance {
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

export const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

export interface Call {
  method: string;
  path: string;
  body: unknown;
}

/** A fake control plane: `answer` returns the response for a call; every call is recorded. */
export function fakeApi(answer: (c: Call) => Response) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const c: Call = {
        method: init?.method ?? 'GET',
        path: url.split('?')[0]!,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      calls.push(c);
      return Promise.resolve(answer(c));
    }),
  );
  return calls;
}

/** The full address of every fetch of a `fakeApi` (its calls keep the path only), oldest first. */
export const fetchedUrls = (): string[] => vi.mocked(fetch).mock.calls.map((c) => c[0] as string);

/**
 * Renders inside the providers the app gives every screen; the event client never connects.
 * `mantineEnv: 'test'` turns Mantine's transitions off: a dropdown opened once a slow page has
 * settled otherwise stays hidden in jsdom (its opening transition waits on animation frames).
 * `route` is the address the screen opens at (e.g. `/?host=<id>`).
 */
export function renderInApp(
  ui: ReactElement,
  { mantineEnv = 'default', route = '/' }: { mantineEnv?: 'default' | 'test'; route?: string } = {},
) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const events = new EventClient({ url: () => 'ws://test.invalid/ws' });
  return render(
    <MantineProvider env={mantineEnv}>
      <QueryClientProvider client={qc}>
        <EventsContext.Provider value={events}>
          <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
        </EventsContext.Provider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}
