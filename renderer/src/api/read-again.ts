import { hashKey, type QueryClient } from '@tanstack/react-query';

/**
 * Reads the queries again from now on, after an event said their data changed. An answer already on
 * its way was read before that change and would land after it: it is dropped, not awaited.
 * (TanStack's invalidate alone joins a first fetch still in flight, so an import page opened as its
 * job ended kept the job RUNNING and never showed the link to the new server.)
 */
export function readAgain(qc: QueryClient, queryKey: readonly unknown[]): void {
  void qc.cancelQueries({ queryKey }).then(() => qc.invalidateQueries({ queryKey }));
}

/**
 * How long events must pause before a query whose read keepOverReads dropped is read again: a
 * burst (every server announced at once, a host's snapshot on reconnect) then costs one read, not
 * one per event.
 */
const QUIET_MS = 50;
const waiting = new WeakMap<QueryClient, Map<string, ReturnType<typeof setTimeout>>>();

/**
 * After an event was written into a cached query with setQueryData: a read still in flight would put
 * back what the event replaced, so it is dropped at once (the query keeps what the event wrote) and
 * the query is read again once the events pause.
 */
export function keepOverReads(qc: QueryClient, queryKey: readonly unknown[]): void {
  if (qc.isFetching({ queryKey, exact: true }) === 0) return;
  void qc.cancelQueries({ queryKey, exact: true });
  let timers = waiting.get(qc);
  if (!timers) waiting.set(qc, (timers = new Map<string, ReturnType<typeof setTimeout>>()));
  const hash = hashKey(queryKey);
  clearTimeout(timers.get(hash));
  const later = setTimeout(() => {
    timers.delete(hash);
    void qc.invalidateQueries({ queryKey, exact: true });
  }, QUIET_MS);
  timers.set(hash, later);
}
