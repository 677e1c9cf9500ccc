import { useInfiniteQuery } from '@tanstack/react-query';
import type { JobListQuery } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';

export type JobFilter = Pick<Partial<JobListQuery>, 'status' | 'type' | 'instanceId'>;

const PAGE = 50;

/**
 * Every job, newest first, a page at a time. The key sits under ['jobs'] so the live bridge's
 * invalidation on job events refreshes the pages already loaded; the extra 'pages' segment keeps
 * it apart from the plain lists of useJobs, which cache a different shape.
 */
export function useJobPages(filter: JobFilter) {
  return useInfiniteQuery({
    queryKey: [...keys.allJobs, 'pages', filter] as const,
    queryFn: ({ pageParam, signal }) =>
      call('listJobs', { query: { ...filter, limit: PAGE, cursor: pageParam } }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
