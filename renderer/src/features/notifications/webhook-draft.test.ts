import { describe, expect, it } from 'vitest';
import type { NotificationTarget } from '@ark-asa/contracts';
import { createBody, draftOf, updateBody } from './webhook-draft.ts';

const URL = 'https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz';

function target(): NotificationTarget {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    name: 'Tribe chat',
    type: 'discord',
    webhookUrl: 'https://discord.com/api/webhooks/********',
    events: ['server-crashed'],
    instanceIds: null,
    enabled: true,
    delivery: { sent: 0, failed: 0, dropped: 0, queued: 0, lastSentAt: null, lastError: null },
    createdAt: now,
    updatedAt: now,
  };
}

describe('createBody', () => {
  it('builds the body the API takes', () => {
    const { body, errors } = createBody({ ...draftOf(), name: ' Tribe ', webhookUrl: URL });
    expect(errors).toEqual({});
    expect(body).toMatchObject({ name: 'Tribe', webhookUrl: URL, instanceIds: null, enabled: true });
  });

  it('puts the schema’s messages at their fields', () => {
    const { body, errors } = createBody({ ...draftOf(), name: '', webhookUrl: 'https://example.com/hook', events: [] });
    expect(body).toBeUndefined();
    expect(errors.name).toBe('Give the target a name');
    expect(errors.webhookUrl).toMatch(/webhook URL Discord gives/);
    expect(errors.events).toBe('Choose at least one event');
  });
});

describe('updateBody', () => {
  it('sends only what changed and keeps the stored URL when the field is empty', () => {
    const t = target();
    const { body } = updateBody(t, { ...draftOf(t), events: ['server-crashed', 'player-joined'] });
    expect(body).toEqual({ events: ['server-crashed', 'player-joined'] });
  });

  it('sends a new URL and a narrowed instance filter', () => {
    const t = target();
    const id = crypto.randomUUID();
    const { body } = updateBody(t, { ...draftOf(t), webhookUrl: URL, instanceIds: [id] });
    expect(body).toEqual({ webhookUrl: URL, instanceIds: [id] });
  });

  it('refuses a URL that is not a Discord webhook', () => {
    const t = target();
    expect(updateBody(t, { ...draftOf(t), webhookUrl: 'http://discord.com/x' }).errors.webhookUrl).toMatch(/Discord/);
  });
});
