import { Select } from '@mantine/core';
import type { ApiError } from '../../api/http.ts';
import { hostLabel, unavailableReason } from './host-choice.ts';
import type { HostChoice } from './use-host-choice.ts';

/**
 * The "Host" picker, shown only when there is more than one host. An offline host stays pickable
 * (it may be back in a moment, and the user may be preparing for it), but the field says at once
 * why the work will fail there. The API's answer takes precedence when it is about the host: the
 * host went offline (`agent-offline`, naming it) or `agentId` was refused.
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
  error?: ApiError | null;
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
      error={hostMessage(error) || unavailableReason(choice.picked, work)}
      data-testid="host-select"
    />
  );
}

function hostMessage(error: ApiError | null | undefined): string | undefined {
  return error?.code === 'agent-offline' ? error.message : error?.fieldMessage('agentId');
}
