export interface BackoffOptions {
  /** First delay (default 500 ms). */
  baseMs: number;
  /** Longest delay (default 30 s). */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/**
 * Exponential backoff with "equal jitter": half the capped exponential delay, plus a random share
 * of the other half. After a control-plane restart every agent reconnects, and the jitter spreads
 * them out instead of having them all knock at the same instant; the fixed half keeps a retry from
 * coming back almost at once.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(exp / 2 + random() * (exp / 2));
}
