import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  CreateNotificationTargetBody,
  NotificationTarget,
  UpdateNotificationTargetBody,
} from '@ark-asa/contracts';
import { call } from '../../api/http.ts';

export const notificationKeys = { targets: ['notification-targets'] as const };

/** The delivery counters move on their own (queues drain in the background): poll them gently. */
const STATS_POLL_MS = 15_000;

export const useNotificationTargets = () =>
  useQuery({
    queryKey: notificationKeys.targets,
    queryFn: async () => (await call('listNotificationTargets', {})).items,
    refetchInterval: STATS_POLL_MS,
  });

function upsert(qc: QueryClient, target: NotificationTarget) {
  qc.setQueryData<NotificationTarget[]>(notificationKeys.targets, (list) =>
    list
      ? list.some((t) => t.id === target.id)
        ? list.map((t) => (t.id === target.id ? target : t))
        : [...list, target]
      : [target],
  );
}

export function useCreateTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateNotificationTargetBody) => call('createNotificationTarget', { body }),
    onSuccess: (t) => upsert(qc, t),
  });
}

export function useUpdateTarget(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateNotificationTargetBody) => call('updateNotificationTarget', { params: { id }, body }),
    onSuccess: (t) => upsert(qc, t),
  });
}

export function useDeleteTarget(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call('deleteNotificationTarget', { params: { id } }),
    onSuccess: () =>
      qc.setQueryData<NotificationTarget[]>(notificationKeys.targets, (list) => list?.filter((t) => t.id !== id)),
  });
}

export function useTestTarget(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call('testNotificationTarget', { params: { id } }),
    // The test went through the queue: its counters changed.
    onSettled: () => void qc.invalidateQueries({ queryKey: notificationKeys.targets }),
  });
}
