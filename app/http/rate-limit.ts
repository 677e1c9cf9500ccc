export interface BucketOptions {
  /** Requests allowed in a burst. */
  capacity: number;
  /** Requests regained per second. */
  refillPerSec: number;
  /** Addresses remembered at most; the least recently seen is forgotten first (IPv6 gives many). */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key (a client address). In memory and bounded: an attacker rotating
 * addresses can make us forget a key early, never make us grow without limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(
    private readonly opts: BucketOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.maxKeys = opts.maxKeys ?? 10_000;
  }

  /** Takes one request from `key`'s bucket; false when it is empty (the caller answers 429). */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** True when `key` has no request left, without taking one. */
  exhausted(key: string): boolean {
    return this.refilled(key, this.now()).tokens < 1;
  }

  private refilled(key: string, now: number): Bucket {
    const previous = this.buckets.get(key);
    const bucket = previous ?? { tokens: this.opts.capacity, at: now };
    bucket.tokens = Math.min(this.opts.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.opts.refillPerSec);
    bucket.at = now;
    // Re-insert so Map order is "least recently seen first".
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }
}
