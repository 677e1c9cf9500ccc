import { Badge, Tooltip } from '@mantine/core';
import { useConnection, useEvents, useSecondsUntil } from '../app/live.tsx';

/** "Connected" / "Reconnecting in N s" — the live stream's health, always in view. */
export function ConnectionIndicator() {
  const state = useConnection();
  const client = useEvents();
  const seconds = useSecondsUntil(state.kind === 'reconnecting' ? state.retryAt : null);
  if (state.kind === 'connected') {
    return (
      <Tooltip label="Live updates are on">
        <Badge color="teal" variant="dot" data-testid="connection">
          Connected
        </Badge>
      </Tooltip>
    );
  }
  const label =
    state.kind === 'connecting' ? 'Connecting…' : seconds > 0 ? `Reconnecting in ${seconds} s` : 'Reconnecting…';
  return (
    <Tooltip label="The manager is not reachable; retrying. Click to retry now.">
      <Badge
        color="orange"
        variant="dot"
        data-testid="connection"
        style={{ cursor: 'pointer' }}
        onClick={() => client.reconnectNow()}
        role="button"
        aria-label="Retry the connection now"
      >
        {label}
      </Badge>
    </Tooltip>
  );
}
