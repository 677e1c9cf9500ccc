import { Select } from '@mantine/core';
import { hostLabel, unavailableReason } from './host-choice.ts';
import type { HostChoice } from './use-host-choice.ts';

/**
 * The "Host" picker, shown only when there is more than one host. An offline host stays pickable
 * (it may be back in a moment, and the user may be preparing for it), but the field says at once
 * why the work will fail there; `error` (the API's answer) takes precedence.
 */
export function HostSelect({
  choice,
  work,
  description,
  error,
}: {
  choice: HostChoice;
  /** The work, as in "<host> is offline: <work> there fails until it reconnects". */
  work: string;
  description?: string;
  error?: string | null;
}) {
  if (!choice.show) return null;
  return (
    <Select
      label="Host"
      description={description}
      data={choice.hosts.map((a) => ({ value: a.id, label: hostLabel(a) }))}
      value={choice.picked?.id ?? null}
      onChange={(id) => id && choice.select(id)}
      allowDeselect={false}
      error={error || unavailableReason(choice.picked, work)}
      data-testid="host-select"
    />
  );
}
