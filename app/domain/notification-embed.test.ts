import { describe, expect, it } from 'vitest';
import { discordMessageOf, embedOf, escapeMarkdown, MAX_EMBEDS } from './notification-embed.ts';
import type { NotificationEvent } from './notification-events.ts';

const AT = '2025-03-01T12:00:00.000Z';
const crash: NotificationEvent = {
  kind: 'server-crashed',
  instanceId: '11111111-1111-4111-8111-111111111111',
  instanceName: 'Island PvE',
  at: AT,
  detail: 'The server exited unexpectedly (exit code 3)',
};

describe('Discord embeds', () => {
  it('gives each kind a title, a colour, the instance and the time', () => {
    expect(embedOf(crash)).toEqual({
      title: 'Server crashed · Island PvE',
      description: 'The server exited unexpectedly \\(exit code 3\\)',
      color: 0xe74c3c,
      timestamp: AT,
      fields: [{ name: 'Server', value: 'Island PvE', inline: true }],
      footer: { text: 'ARK Server Manager' },
    });
    const started = embedOf({ ...crash, kind: 'server-started', detail: null });
    expect(started.title).toBe('Server started · Island PvE');
    expect(started.color).not.toBe(embedOf(crash).color);
    expect(started.description).toBeUndefined();
  });

  it('summarises merged joins and leaves', () => {
    const players = { joined: ['A', 'B', 'C'], left: ['D'] };
    const embed = embedOf({ ...crash, kind: 'player-joined', detail: null, players });
    expect(embed.title).toBe('Players joined and left · Island PvE');
    expect(embed.description).toBe('Joined: A, B, C\nLeft: D');
    expect(embedOf({ ...crash, kind: 'player-left', detail: null, players: { joined: [], left: ['D'] } }).title).toBe(
      'Player left · Island PvE',
    );
    const many = Array.from({ length: 40 }, (_, i) => `P${i}`);
    expect(
      embedOf({ ...crash, kind: 'player-joined', detail: null, players: { joined: many, left: [] } }).description,
    ).toMatch(/and 25 more$/);
  });

  it('shows player names as typed and never pings', () => {
    const message = discordMessageOf([
      { ...crash, kind: 'player-joined', detail: null, players: { joined: ['@everyone *x*'], left: [] } },
    ]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds[0]?.description).toBe('Joined: @everyone \\*x\\*');
    expect(escapeMarkdown('a_b|c')).toBe('a\\_b\\|c');
  });

  it('puts at most 10 embeds in one message and says how many were dropped', () => {
    const message = discordMessageOf(
      Array.from({ length: 12 }, () => crash),
      3,
    );
    expect(message.embeds).toHaveLength(MAX_EMBEDS);
    expect(message.content).toBe('3 older notifications were dropped: too many at once.');
    expect(discordMessageOf([crash]).content).toBeUndefined();
  });

  it('keeps long details within Discord’s limits', () => {
    const embed = embedOf({ ...crash, detail: 'x'.repeat(5000), instanceName: 'n'.repeat(300) });
    expect(embed.description!.length).toBeLessThanOrEqual(1000);
    expect(embed.title.length).toBeLessThanOrEqual(256);
  });
});
