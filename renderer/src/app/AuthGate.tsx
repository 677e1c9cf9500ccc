import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { setToken } from '../api/auth.ts';
import { ApiError, call } from '../api/http.ts';
import { Logo } from '../components/Logo.tsx';

/**
 * A manager exposed on the network needs its access token: ask for it once, keep it in this
 * browser. On the same PC (loopback) no token is asked for.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: () => call('health', {}),
    retry: false,
    staleTime: Infinity,
  });
  const needsToken = health.error instanceof ApiError && health.error.status === 401;
  if (!needsToken) return <>{children}</>;
  return <TokenForm onDone={() => void health.refetch()} />;
}

function TokenForm({ onDone }: { onDone: () => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setToken(value.trim());
    try {
      await call('health', {});
      onDone();
    } catch (err) {
      setToken(null);
      setError(err instanceof ApiError ? err.message : 'Could not reach the manager');
    }
  };
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" maw={420} w="100%">
        <form onSubmit={(e) => (e.preventDefault(), void submit())}>
          <Stack>
            <Logo />
            <Title order={3}>This manager is protected</Title>
            <Text size="sm" c="dimmed">
              It is reachable over the network, so it asks for its access token. You find it in the manager's settings
              on the PC that runs it.
            </Text>
            <PasswordInput
              label="Access token"
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={error}
              autoFocus
              required
            />
            <Button type="submit">Connect</Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
