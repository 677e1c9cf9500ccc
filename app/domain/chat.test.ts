import { describe, expect, it } from 'vitest';
import { parseGetChatReply, serverChatCommand } from './chat.ts';

describe('GetChat replies', () => {
  it('reads one chat line per line, trimmed, without blanks', () => {
    const reply = 'Alice (Ally): hello there \n\nSERVER: restart in 5 minutes\r\n \n';
    expect(parseGetChatReply(reply)).toEqual(['Alice (Ally): hello there', 'SERVER: restart in 5 minutes']);
  });

  it('reads the no-response text as no new lines', () => {
    expect(parseGetChatReply('Server received, But no response!! \n ')).toEqual([]);
    expect(parseGetChatReply('')).toEqual([]);
  });

  it('builds ServerChat with the trimmed message', () => {
    expect(serverChatCommand('  hi all ')).toBe('ServerChat hi all');
  });
});
