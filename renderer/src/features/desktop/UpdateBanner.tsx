import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { DesktopBridge, UpdateStatus } from '@ark-asa/contracts';
import { desktopBridge } from './desktop-bridge.ts';
import { useUpdateStatus } from './use-update-status.ts';

type Shown = Extract<UpdateStatus, { state: 'available' | 'downloading' | 'downloaded' | 'error' }>;

const isShown = (s: UpdateStatus | null): s is Shown =>
  !!s && (s.state === 'available' || s.state === 'downloading' || s.state === 'downloaded' || s.state === 'error');

/** A stable identity per notice, so dismissing one does not hide the next (a newer version, a new error). */
const noticeKey = (s: Shown) => (s.state === 'error' ? `error:${s.message}` : `${s.state}:${s.version}`);

/**
 * The desktop app's "update available" notice: download on request, progress, then restart into
 * it. Only inside the desktop app; the shell itself asks about running servers before restarting.
 */
export function UpdateBanner({ bridge = desktopBridge() }: { bridge?: DesktopBridge }) {
  const status = useUpdateStatus(bridge);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!bridge || !isShown(status) || dismissed === noticeKey(status)) return null;
  // Downloading and "ready" are the user's own request in flight: no close button there.
  const closable = status.state === 'available' || status.state === 'error';
  return (
    <Alert
      data-testid="update-banner"
      role={status.state === 'error' ? 'alert' : 'status'}
      color={status.state === 'error' ? 'red' : 'amber'}
      variant="light"
      mb="md"
      title={title(status)}
      withCloseButton={closable}
      closeButtonLabel="Dismiss the update notice"
      onClose={() => setDismissed(noticeKey(status))}
    >
      {/* Keyed by state: a button's pending flag and failure belong to the step they were shown in. */}
      <BannerBody key={status.state} status={status} bridge={bridge} />
    </Alert>
  );
}

function title(s: Shown): string {
  if (s.state === 'available') return `Version ${s.version} of the manager is available`;
  if (s.state === 'downloading') return `Downloading version ${s.version}…`;
  if (s.state === 'downloaded') return `Version ${s.version} is ready to install`;
  return 'The app update did not work';
}

function BannerBody({ status, bridge }: { status: Shown; bridge: DesktopBridge }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    action()
      .catch((e: unknown) => setFailure(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  if (status.state === 'downloading') {
    const pct = Math.max(0, Math.min(100, Math.round(status.percent)));
    return (
      <Stack gap={6}>
        <Progress value={pct} aria-label="Update download" animated />
        <Text size="sm" aria-live="polite">
          {pct}% downloaded; the servers keep running meanwhile.
        </Text>
      </Stack>
    );
  }
  if (status.state === 'error')
    return (
      <Text size="sm">
        {status.message.replace(/\.$/, '')}. Try again later from the Help menu, with Check for Updates.
      </Text>
    );
  const available = status.state === 'available';
  return (
    <Stack gap={6}>
      <Group gap="sm">
        <Text size="sm">
          {available
            ? 'Download it now; nothing is installed until you say so.'
            : 'The manager restarts into the new version; it asks first what to do with running servers.'}
        </Text>
        <Button
          size="xs"
          loading={busy}
          onClick={() => run(() => (available ? bridge.downloadUpdate() : bridge.installUpdate()))}
        >
          {available ? 'Download' : 'Restart to update'}
        </Button>
      </Group>
      {failure && (
        <Text size="sm" c="red" role="alert">
          {failure}
        </Text>
      )}
    </Stack>
  );
}
