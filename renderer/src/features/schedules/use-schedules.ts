import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ScheduleErrorCode, type Schedule } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { readAgain } from '../../api/read-again.ts';
import { useEvents } from '../../app/live.tsx';
import { useInstanceJobEvents } from '../backups/use-instance-job-events.ts';

export const scheduleKeys = { list: (instanceId: string) => ['schedules', instanceId] as const };

/** Longest timer a browser keeps (about 24.8 days); a later run is re-armed by the next refetch. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const SCHEDULER_CODES: readonly string[] = Object.values(ScheduleErrorCode);
/** The scheduler records the outcome right after it fires: ask a moment later. */
const AFTER_RUN_MS = 3_000;

/**
 * The schedules of an instance, live: no event names schedules, so the list is read again when a
 * job of the instance starts or ends (what RESTART, UPDATE and BACKUP runs create), just after the
 * earliest next run (BROADCAST and RCON create no job), after a missed-run report, and once a
 * minute for changes made in another window.
 */
export function useSchedules(instanceId: string) {
  const qc = useQueryClient();
  const events = useEvents();
  const refresh = () => readAgain(qc, scheduleKeys.list(instanceId));
  useInstanceJobEvents(instanceId, 'all', refresh);
  useEffect(
    () =>
      events.on('system:error', (d) => {
        if (SCHEDULER_CODES.includes(d.code)) readAgain(qc, scheduleKeys.list(instanceId));
      }),
    [events, qc, instanceId],
  );
  const query = useQuery({
    queryKey: scheduleKeys.list(instanceId),
    queryFn: async ({ signal }) => (await call('listSchedules', { params: { id: instanceId } }, { signal })).items,
    refetchInterval: 60_000,
  });
  const next = earliestRun(query.data);
  useEffect(() => {
    if (next === null) return;
    const t = setTimeout(
      () => void qc.invalidateQueries({ queryKey: scheduleKeys.list(instanceId) }),
      Math.min(MAX_TIMER_MS, Math.max(0, next - Date.now()) + AFTER_RUN_MS),
    );
    return () => clearTimeout(t);
  }, [next, qc, instanceId]);
  return query;
}

function earliestRun(list: Schedule[] | undefined): number | null {
  const times = (list ?? []).flatMap((s) => (s.nextRunAt ? [Date.parse(s.nextRunAt)] : []));
  return times.length ? Math.min(...times) : null;
}
