import type { QueryClient } from '@tanstack/react-query';

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
 * After an event was written into a cached query with setQueryData: a read still in flight would put
 * back what the event replaced, so it is dropped and the query read again.
 */
export function keepOverReads(qc: QueryClient, queryKey: readonly unknown[]): void {
  if (qc.isFetching({ queryKey, exact: true }) > 0) readAgain(qc, queryKey);
}
