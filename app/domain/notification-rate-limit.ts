/**
 * A token bucket on an injected time line: `capacity` requests at once, then `perMinute` on
 * average. Used per Discord webhook (Discord allows about 30 requests a minute each) and for the
 * CurseForge API (about 200 a minute; we stay at 180). Pure: the caller passes the time and does
 * the waiting, so tests drive it without sleeping.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    perMinute: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.last = nowMs;
    this.perMs = perMinute / 60_000;
  }

  /** Takes a token when one is there; false means wait `waitMs` first. */
  tryTake(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there (0 when one is). */
  waitMs(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
  }

  private refill(nowMs: number): void {
    // A clock that goes back (a fake one, a system time change) must not mint or burn tokens.
    const elapsed = Math.max(0, nowMs - this.last);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perMs);
    this.last = Math.max(this.last, nowMs);
  }
}
