// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NotificationTarget } from '@ark-asa/contracts';
import { NotificationsPage } from './NotificationsPage.tsx';
import { installDomShims, renderInApp } from '../../test/harness.tsx';

const URL = 'https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz';

function target(): NotificationTarget {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    name: 'Tribe chat',
    type: 'discord',
    webhookUrl: 'https://discord.com/api/webhooks/********',
    events: ['server-crashed', 'player-joined'],
    instanceIds: null,
    enabled: true,
    delivery: { sent: 3, failed: 0, dropped: 2, queued: 0, lastSentAt: now, lastError: null },
    createdAt: now,
    updatedAt: now,
  };
}

type Handler = (method: string, url: string, body: unknown) => { status: number; body?: unknown } | undefined;

/** The notification routes, in memory; `extra` answers first (e.g. a refused test). */
function fakeApi(targets: NotificationTarget[], extra: Handler = () => undefined) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method, url, body });
      const answer = extra(method, url, body) ?? route(targets, method, url);
      const payload = answer.body === undefined ? null : JSON.stringify(answer.body);
      return Promise.resolve(
        new Response(payload, { status: answer.status, headers: { 'content-type': 'application/json' } }),
      );
    }),
  );
  return calls;
}

function route(targets: NotificationTarget[], method: string, url: string): { status: number; body?: unknown } {
  if (url.startsWith('/api/v1/instances')) return { status: 200, body: { items: [], nextCursor: null } };
  if (method === 'GET') return { status: 200, body: { items: targets, nextCursor: null } };
  if (method === 'DELETE') return { status: 204 };
  if (url.endsWith('/test'))
    return { status: 200, body: { delivered: true, status: 204, message: 'Discord took the test message' } };
  return { status: 201, body: { ...target(), name: 'New' } };
}

function renderPage() {
  return renderInApp(<NotificationsPage />);
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('NotificationsPage', () => {
  it('lists webhooks with their events, filter and delivery counters', async () => {
    fakeApi([target()]);
    renderPage();
    const row = await screen.findByTestId('webhook-row');
    expect(within(row).getByText('Server crashed')).toBeTruthy();
    expect(within(row).getByText('Player joined')).toBeTruthy();
    expect(within(row).getByText('All servers')).toBeTruthy();
    expect(within(row).getByText(/2 dropped/)).toBeTruthy();
  });

  it('shows the test outcome, delivered or Discord’s refusal', async () => {
    const t = target();
    let refuse = false;
    fakeApi([t], (_m, url) =>
      refuse && url.endsWith('/test')
        ? { status: 200, body: { delivered: false, status: 401, message: 'Invalid Webhook Token' } }
        : undefined,
    );
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Send test to Tribe chat' }));
    expect((await screen.findByText(/^Delivered/)).textContent).toContain('Discord took the test message');
    refuse = true;
    fireEvent.click(screen.getByRole('button', { name: 'Send test to Tribe chat' }));
    expect(await screen.findByText('Not delivered (HTTP 401): Invalid Webhook Token')).toBeTruthy();
  });

  it('puts the URL message at the field and sends nothing until it is right', async () => {
    const calls = fakeApi([]);
    renderPage();
    fireEvent.click((await screen.findAllByRole('button', { name: 'Add webhook' }))[0]!);
    const form = await screen.findByTestId('webhook-form');
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: 'Admins' } });
    fireEvent.change(within(form).getByLabelText(/^Webhook URL/), { target: { value: 'https://example.com/hook' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add webhook' }));
    expect(await within(form).findByText(/Paste the webhook URL Discord gives/)).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(within(form).getByLabelText(/^Webhook URL/), { target: { value: URL } });
    fireEvent.click(within(form).getByLabelText('Player left'));
    fireEvent.click(within(form).getByRole('button', { name: 'Add webhook' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
        name: 'Admins',
        webhookUrl: URL,
        instanceIds: null,
      }),
    );
    expect((calls.find((c) => c.method === 'POST')?.body as { events: string[] }).events).toContain('player-left');
  });

  it('shows the API’s field message at the field', async () => {
    fakeApi([], (method) =>
      method === 'POST'
        ? {
            status: 400,
            body: {
              error: {
                code: 'validation-failed',
                message: 'Invalid request',
                details: { fields: [{ field: 'name', message: 'That name is taken' }] },
              },
            },
          }
        : undefined,
    );
    renderPage();
    fireEvent.click((await screen.findAllByRole('button', { name: 'Add webhook' }))[0]!);
    const form = await screen.findByTestId('webhook-form');
    fireEvent.change(within(form).getByLabelText(/^Name/), { target: { value: 'Admins' } });
    fireEvent.change(within(form).getByLabelText(/^Webhook URL/), { target: { value: URL } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add webhook' }));
    expect(await within(form).findByText('That name is taken')).toBeTruthy();
  });

  it('deletes only after the confirmation', async () => {
    const t = target();
    const calls = fakeApi([t]);
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Tribe chat' }));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete the webhook' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url.endsWith(t.id))).toBe(true));
  });
});
