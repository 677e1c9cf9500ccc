import { Badge } from '@mantine/core';
import type { InstanceStatus } from '@ark-asa/contracts';
import { STATUS_LOOK } from '../app/theme.ts';

const BUSY: InstanceStatus[] = ['STARTING', 'STOPPING', 'UPDATING'];

export function StatusBadge({ status }: { status: InstanceStatus }) {
  const look = STATUS_LOOK[status];
  return (
    <Badge
      color={look.color}
      variant={status === 'RUNNING' || status === 'CRASHED' ? 'filled' : 'light'}
      data-status={status}
      className={BUSY.includes(status) ? 'pulse' : undefined}
    >
      {look.label}
    </Badge>
  );
}
