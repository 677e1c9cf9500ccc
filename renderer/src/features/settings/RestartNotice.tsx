import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ExternalStore, useStore } from '../../api/external-store.ts';
import { call } from '../../api/http.ts';

interface Pending {
  /** When the manager process that accepted the change started (ms since the epoch). */
  processStart: number;
  address: string;
}

/**
 * A changed bind address or port waits for the next start. The notice lives for this browser tab
 * and ends when /health shows a younger process, i.e. when the manager was really restarted.
 */
const pending = new ExternalStore<Pending | null>(null);

/** Clock skew between two readings of uptime; a real restart moves the start by far more. */
const SAME_PROCESS_MS = 10_000;

export async function markRestartNeeded(bindHost: string, port: number): Promise<void> {
  const health = await call('health', {});
  const host = bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  pending.set({ processStart: Date.now() - health.uptimeSec * 1000, address: `http://${host}:${port}` });
}

export function RestartNotice() {
  const notice = useStore(pending);
  const health = useQuery({ queryKey: ['health'], queryFn: () => call('health', {}), staleTime: 0, enabled: !!notice });
  if (!notice) return null;
  if (health.data) {
    const start = health.dataUpdatedAt - health.data.uptimeSec * 1000;
    if (start - notice.processStart > SAME_PROCESS_MS) return null;
  }
  return (
    <Alert color="amber" variant="light" title="Restart the manager to apply" data-testid="restart-notice">
      <Text size="sm">
        The new network settings take effect at the next start; it will then listen on{' '}
        <span className="mono">{notice.address}</span>. Until then it keeps its current address.
      </Text>
    </Alert>
  );
}
