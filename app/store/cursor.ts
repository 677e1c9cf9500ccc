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

export function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
