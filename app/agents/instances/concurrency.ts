/**
 * Runs `fn` over `items` with at most `limit` calls in flight. File operations on thousands of
 * small files are latency-bound (especially on Windows and network disks), so a few in parallel
 * go much faster than one at a time, while an unbounded Promise.all would hit EMFILE.
 * The first failure stops workers from taking new items and is rethrown once the running calls settle.
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (failures.length === 0 && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (err) {
        failures.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failures.length > 0) throw failures[0];
}
