/** Start offsets of every case-insensitive occurrence of `query`, without overlaps. */
export function findAll(text: string, query: string): number[] {
  if (!query) return [];
  const hay = text.toLowerCase();
  const needle = query.toLowerCase();
  // Lower-casing changed the length (rare Unicode): offsets would lie, so search as typed.
  const exact = hay.length !== text.length || needle.length !== query.length;
  const [h, n] = exact ? [text, query] : [hay, needle];
  const found: number[] = [];
  for (let at = h.indexOf(n); at !== -1; at = h.indexOf(n, at + n.length)) found.push(at);
  return found;
}

/**
 * The match to go to from the caret: the first one starting at or after it going forward (after
 * it when the caret already sits on a match), the last one before it going back; wraps around.
 */
export function pickMatch(
  matches: readonly number[],
  caret: number,
  dir: 1 | -1,
  current: number | null,
): number | null {
  if (matches.length === 0) return null;
  if (current !== null && matches[current] !== undefined) {
    return (current + dir + matches.length) % matches.length;
  }
  if (dir === 1) {
    const i = matches.findIndex((m) => m >= caret);
    return i === -1 ? 0 : i;
  }
  for (let i = matches.length - 1; i >= 0; i -= 1) if (matches[i]! < caret) return i;
  return matches.length - 1;
}
