import { describe, expect, it } from 'vitest';
import { hashAgentToken, matchAgentToken, newAgentToken } from './agent-token.ts';

describe('agent tokens', () => {
  it('are 256 random bits in base64url, never the same twice', () => {
    const a = newAgentToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newAgentToken()).not.toBe(a);
  });

  it('are matched by hash against every candidate, and a wrong or empty token matches none', () => {
    const tokens = [newAgentToken(), newAgentToken()];
    const candidates = tokens.map((t, i) => ({ id: `a${i}`, tokenHash: hashAgentToken(t) }));
    expect(matchAgentToken(tokens[1]!, candidates)?.id).toBe('a1');
    expect(matchAgentToken(`${tokens[1]!}x`, candidates)).toBeNull();
    expect(matchAgentToken('', candidates)).toBeNull();
    expect(matchAgentToken(tokens[0]!, [{ id: 'bad', tokenHash: 'not-hex' }])).toBeNull();
  });
});
