import { ColorSwatch, Tooltip } from '@mantine/core';
import type { InstanceStatus } from '@ark-asa/contracts';
import { STATUS_LOOK } from '../app/theme.ts';

export function StatusDot({ status }: { status: InstanceStatus }) {
  const look = STATUS_LOOK[status];
  return (
    <Tooltip label={look.label}>
      <ColorSwatch
        component="span"
        size={10}
        color={`var(--mantine-color-${look.color}-6)`}
        aria-label={look.label}
        withShadow={false}
      />
    </Tooltip>
  );
}
