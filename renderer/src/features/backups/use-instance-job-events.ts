import { useEffect, useRef } from 'react';
import type { JobType } from '@ark-asa/contracts';
import { useEvents } from '../../app/live.tsx';

/**
 * Calls `onChange` when a job of the instance (of the given types) is created or ends, and after a
 * reconnect. The live bridge refreshes only what its AFFECTS table names, so lists outside it
 * (backups, schedules) listen here. A job that ends without having been seen created (it began
 * before this screen opened) counts too: one extra refetch is cheaper than a stale list.
 */
export function useInstanceJobEvents(
  instanceId: string,
  types: readonly JobType[] | 'all',
  onChange: () => void,
): void {
  const events = useEvents();
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  });
  const typeKey = types === 'all' ? 'all' : types.join(',');
  useEffect(() => {
    const relevant = new Map<string, boolean>();
    const matches = (type: JobType) => typeKey === 'all' || typeKey.split(',').includes(type);
    const finished = ({ jobId }: { jobId: string }) => {
      if (relevant.get(jobId) ?? true) callback.current();
      relevant.delete(jobId);
    };
    const offs = [
      events.on('job:created', (d) => {
        const mine = d.instanceId === instanceId && matches(d.type);
        relevant.set(d.jobId, mine);
        if (mine) callback.current();
      }),
      events.on('job:completed', finished),
      events.on('job:failed', finished),
      events.on('job:cancelled', finished),
      events.onResync(() => callback.current()),
    ];
    return () => offs.forEach((off) => off());
  }, [events, instanceId, typeKey]);
}
