import { Group, Progress, Text } from '@mantine/core';
import { useJobProgress } from '../api/job-progress-store.ts';

/** A job's live progress bar with its latest message. */
export function JobProgress({
  jobId,
  fallbackPercent = 0,
  fallbackMessage = 'Waiting…',
  label,
}: {
  jobId: string;
  fallbackPercent?: number;
  fallbackMessage?: string;
  label?: string;
}) {
  const live = useJobProgress(jobId);
  const percent = live?.percent ?? fallbackPercent;
  const message = live?.message ?? fallbackMessage;
  return (
    <div>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" truncate>
          {label ? `${label}: ${message}` : message}
        </Text>
        <Text size="xs" c="dimmed">
          {Math.round(percent)}%
        </Text>
      </Group>
      <Progress value={percent} size="sm" animated={live?.status === 'RUNNING'} aria-label={label ?? 'Progress'} />
    </div>
  );
}
