import { Box, Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { desktopBridge } from './desktop-bridge.ts';

export interface BrowseProps {
  /** The picker's title, e.g. "Choose the data root". */
  title: string;
  /** What the button picks, for its accessible name: "Browse for <what>". */
  what: string;
  /** The folder to start in, when the field holds one. */
  defaultPath?: string;
  onPick: (folder: string) => void;
}

/** "Browse…": the desktop app's native folder picker; nothing in a plain browser, where the text field stays. */
export function BrowseButton({ title, what, defaultPath, onPick }: BrowseProps) {
  const [busy, setBusy] = useState(false);
  const bridge = desktopBridge();
  if (!bridge) return null;
  const pick = () => {
    setBusy(true);
    bridge
      .pickFolder({ title, defaultPath: defaultPath || undefined })
      .then((folder) => {
        // null: the user cancelled the picker, and the field keeps what it had.
        if (folder) onPick(folder);
      })
      .catch((e: unknown) =>
        notifications.show({
          color: 'red',
          title: 'The folder picker did not open',
          message: e instanceof Error ? e.message : String(e),
        }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <Button variant="default" loading={busy} onClick={pick} aria-label={`Browse for ${what}`} style={{ flexShrink: 0 }}>
      Browse…
    </Button>
  );
}

/**
 * For a Mantine input's `inputContainer`: the input with a "Browse…" button beside it (below the
 * description, above the error). Undefined in a plain browser, so the input renders as before.
 */
export function withBrowse(props: BrowseProps): ((input: ReactNode) => ReactNode) | undefined {
  if (!desktopBridge()) return undefined;
  return function BrowseContainer(input: ReactNode) {
    return (
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Box flex={1} miw={0}>
          {input}
        </Box>
        <BrowseButton {...props} />
      </Group>
    );
  };
}
