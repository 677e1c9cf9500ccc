import { describe, expect, it } from 'vitest';
import { TokenBucket } from './notification-rate-limit.ts';

describe('TokenBucket', () => {
  it('allows a burst, then one request per refill interval', () => {
    const bucket = new TokenBucket(5, 30, 0);
    for (let i = 0; i < 5; i++) expect(bucket.tryTake(0)).toBe(true);
    expect(bucket.tryTake(0)).toBe(false);
    expect(bucket.waitMs(0)).toBe(2000); // 30 a minute: one every 2 s
    expect(bucket.tryTake(1999)).toBe(false);
    expect(bucket.tryTake(2000)).toBe(true);
    expect(bucket.tryTake(2000)).toBe(false);
  });

  it('never holds more than its capacity, however long it rested', () => {
    const bucket = new TokenBucket(3, 60, 0);
    expect(bucket.waitMs(10 * 60_000)).toBe(0);
    let taken = 0;
    while (bucket.tryTake(10 * 60_000)) taken++;
    expect(taken).toBe(3);
  });

  it('is not fooled by time going back', () => {
    const bucket = new TokenBucket(1, 60, 10_000);
    expect(bucket.tryTake(10_000)).toBe(true);
    expect(bucket.tryTake(5_000)).toBe(false);
    expect(bucket.waitMs(10_000)).toBe(1000);
    expect(bucket.tryTake(11_000)).toBe(true);
  });
});
