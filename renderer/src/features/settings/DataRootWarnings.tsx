import { Alert, List } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { call } from '../../api/http.ts';

/** Waits until typing pauses, so the check does not run (and probe the drive) on every key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * What would go wrong with server files under this data root (Windows' path limit, a drive that
 * cannot hold hard links), shown before the first install rather than after (docs/paths.md).
 * `dataRoot` undefined checks the saved one.
 */
export function DataRootWarnings({ dataRoot }: { dataRoot?: string }) {
  const root = useSettled(dataRoot?.trim() || undefined, 600);
  const check = useQuery({
    queryKey: ['data-root-check', root ?? null],
    queryFn: () => call('checkDataRoot', { body: root ? { dataRoot: root } : {} }),
    retry: false,
    staleTime: 60_000,
  });
  const warnings = check.data?.warnings ?? [];
  if (warnings.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title="This data root will cause trouble" data-testid="data-root-warnings">
      <List size="sm" spacing={4}>
        {warnings.map((w) => (
          <List.Item key={w.code} data-code={w.code}>
            {w.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
