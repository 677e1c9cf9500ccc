import type { WSEvent } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { embedOf } from './notification-embed.ts';
import { coalesceChat, MAX_CHAT_LINES, notificationOf, type NotificationEvent } from './notification-events.ts';

const INSTANCE = '11111111-1111-4111-8111-111111111111';
const AT = '2025-03-01T12:00:00.000Z';
const ctx = { instanceName: () => 'Island PvE', job: () => null };
const chatEvent = (message: string, source = 'chat'): WSEvent =>
  ({
    event: 'instance:log',
    data: { instanceId: INSTANCE, seq: 1, level: 'INFO', source, message, timestamp: AT },
  }) as WSEvent;

describe('chat notifications', () => {
  it('maps a chat line to a chat notification, and ignores the same text from the server log', () => {
    expect(notificationOf(chatEvent('Alice (Ally): hi'), ctx)).toMatchObject({
      kind: 'chat',
      instanceId: INSTANCE,
      instanceName: 'Island PvE',
      chat: ['Alice (Ally): hi'],
    });
    expect(notificationOf(chatEvent('Alice (Ally): hi', 'server'), ctx)).toBeNull();
  });

  it('merges lines said while one waits, up to a limit, then starts another', () => {
    const first = notificationOf(chatEvent('line 0'), ctx)!;
    const waiting: NotificationEvent[] = [first];
    for (let i = 1; i < MAX_CHAT_LINES; i += 1)
      expect(coalesceChat(waiting, notificationOf(chatEvent(`line ${i}`), ctx)!)).toBe(true);
    expect(first.chat).toHaveLength(MAX_CHAT_LINES);
    expect(coalesceChat(waiting, notificationOf(chatEvent('one too many'), ctx)!)).toBe(false);
  });

  it('shows the lines as typed in Discord: markdown escaped, one per line', () => {
    const embed = embedOf({
      kind: 'chat',
      instanceId: INSTANCE,
      instanceName: 'Island',
      at: AT,
      detail: null,
      chat: ['A (B): *hi*', 'SERVER: ok'],
    });
    expect(embed.title).toBe('Chat · Island');
    expect(embed.description).toBe('A \\(B\\): \\*hi\\*\nSERVER: ok');
  });
});
