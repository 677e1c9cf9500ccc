import { Badge } from '@mantine/core';
import type { JobStatus } from '@ark-asa/contracts';
import { JOB_STATUS_LOOK } from './job-look.ts';

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const look = JOB_STATUS_LOOK[status];
  return (
    <Badge
      color={look.color}
      variant={status === 'FAILED' ? 'filled' : 'light'}
      data-status={status}
      className={status === 'RUNNING' ? 'pulse' : undefined}
    >
      {look.label}
    </Badge>
  );
}
