/** Opaque keyset cursors: `(createdAt, id)` of the last item of a page, base64url-encoded. */
export interface KeysetPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(pos: KeysetPosition): string {
  return Buffer.from(`${pos.createdAt}|${pos.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): KeysetPosition | null {
  if (!cursor) return null;
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!createdAt || !id) return null;
  return { createdAt, id };
}

/**
 * A keyset page as the JSON text of `{ items, nextCursor }`, from rows of `[object JSON, created_at,
 * id]` that SQLite wrote, one more than `limit` when another page follows. `count`: items on the page.
 */
export function jsonPage(rows: [string, string, string][], limit: number): { text: string; count: number } {
  const page = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  const next = rows.length > limit && last ? JSON.stringify(encodeCursor({ createdAt: last[1], id: last[2] })) : 'null';
  return { text: `{"items":[${page.map((r) => r[0]).join(',')}],"nextCursor":${next}}`, count: page.length };
}

export function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
