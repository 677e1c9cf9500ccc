import { Button, Card, Group, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { DesktopBridge } from '@ark-asa/contracts';
import { desktopBridge } from './desktop-bridge.ts';

/** The desktop app's own corner of the settings: its version and its logs. Absent in a browser. */
export function DesktopAppCard({ bridge = desktopBridge() }: { bridge?: DesktopBridge }) {
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    if (!bridge) return;
    let live = true;
    bridge
      .appVersion()
      .then((v) => live && setVersion(v))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [bridge]);
  if (!bridge) return null;
  const openLogs = () =>
    bridge.openLogsFolder().catch((e: unknown) =>
      notifications.show({
        color: 'red',
        title: 'Could not open the logs folder',
        message: e instanceof Error ? e.message : String(e),
      }),
    );
  return (
    <Card data-testid="desktop-app">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={4}>Desktop app</Title>
          <Text size="sm" c="dimmed">
            {version ? `Version ${version}. ` : ''}The manager's own logs help when something goes wrong before a
            server's console shows it.
          </Text>
        </div>
        <Button variant="light" onClick={() => void openLogs()} data-testid="open-logs">
          Open logs folder
        </Button>
      </Group>
    </Card>
  );
}
