import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: 256 bits, safe in a header and on a command line. */
export function newAgentToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256, hex. A fast hash suits a random 256-bit secret: there is no dictionary to try, so a slow
 * KDF would only slow every agent connection down.
 */
export function hashAgentToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The id whose hash matches `presented`, or null. Every candidate is compared, in constant time
 * each, so neither the position of a match nor a near-miss shows in the time taken.
 */
export function matchAgentToken<T extends { tokenHash: string }>(presented: string, candidates: T[]): T | null {
  const digest = Buffer.from(hashAgentToken(presented), 'hex');
  let found: T | null = null;
  for (const candidate of candidates) {
    const known = Buffer.from(candidate.tokenHash, 'hex');
    if (known.length === digest.length && timingSafeEqual(known, digest)) found ??= candidate;
  }
  return found;
}
