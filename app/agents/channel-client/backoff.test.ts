import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('reconnect backoff', () => {
  const opts = { baseMs: 500, maxMs: 30_000 };

  it('doubles per attempt up to the cap, between half and all of the exponential delay', () => {
    expect(backoffDelay(0, opts, () => 0)).toBe(250);
    expect(backoffDelay(0, opts, () => 1)).toBe(500);
    expect(backoffDelay(3, opts, () => 0)).toBe(2000);
    expect(backoffDelay(3, opts, () => 1)).toBe(4000);
    expect(backoffDelay(20, opts, () => 1)).toBe(30_000);
    expect(backoffDelay(1000, opts, () => 0)).toBe(15_000);
  });

  it('spreads agents out: different random draws give different delays', () => {
    expect(backoffDelay(4, opts, () => 0.1)).not.toBe(backoffDelay(4, opts, () => 0.9));
  });
});
