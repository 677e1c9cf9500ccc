import { z } from 'zod';

/** Every id the API hands out is a UUID (crypto.randomUUID on the server). */
export const Id = z.uuid();

/** Times are ISO-8601 strings in UTC, as `Date.prototype.toISOString()` writes them. */
export const IsoDateTime = z.iso.datetime();

/**
 * What the API returns in place of a stored secret (passwords, access token). Sending it back
 * unchanged in a PATCH keeps the stored value, so a form can round-trip an object it was given.
 */
export const SECRET_MASK = '********';

export const PROTOCOL_VERSION = 'V1' as const;

export const ListLimit = z.coerce.number().int().min(1).max(500).default(50);

/** The list envelope (docs/rest-api.md#paging): `{ items, nextCursor }`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** True when the text holds a control character (C0, DEL): a line break, tab, NUL or escape. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
