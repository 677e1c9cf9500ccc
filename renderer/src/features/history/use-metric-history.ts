import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { MetricHistory, MetricRange, MetricSubject } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useEvents } from '../../app/live.tsx';
import { appendPoint, heartbeatPoint } from './history-data.ts';

export const historyKey = (subject: MetricSubject, id: string, range: MetricRange) =>
  ['metric-history', subject, id, range] as const;

/**
 * The history of one host or server. The hour view is at full resolution, so each heartbeat is
 * appended as it arrives; the coarser views are re-read every minute (their buckets are minutes
 * wide, a live point would not be one of them).
 */
export function useMetricHistory(subject: MetricSubject, id: string, range: MetricRange) {
  const qc = useQueryClient();
  const events = useEvents();
  const query = useQuery({
    queryKey: historyKey(subject, id, range),
    queryFn: () => call('getMetricHistory', { query: { subject, id, range } }),
    refetchInterval: range === '1h' ? false : 60_000,
  });
  useEffect(() => {
    if (range !== '1h') return;
    return events.on('agent:heartbeat', (h) => {
      const point = heartbeatPoint(subject, id, h);
      if (!point) return;
      qc.setQueryData<MetricHistory>(historyKey(subject, id, range), (old) => (old ? appendPoint(old, point) : old));
    });
  }, [events, qc, subject, id, range]);
  return query;
}
