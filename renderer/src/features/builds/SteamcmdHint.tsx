import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useHost } from './use-host.ts';

/** Off Windows the manager cannot fetch SteamCMD itself: say so before an install fails. */
export function SteamcmdHint() {
  const host = useHost();
  if (!host.loaded || host.isWindows || host.steamcmdSet) return null;
  return (
    <Alert color="yellow" variant="light" title="Set up SteamCMD first" data-testid="steamcmd-hint">
      <Text size="sm">
        This PC runs {host.platform === 'linux' ? 'Linux' : host.platform}, where the manager cannot download SteamCMD
        by itself. Install it (for example with your package manager) and enter its path in{' '}
        <Anchor component={Link} to="/settings">
          Settings
        </Anchor>
        ; then install the server here.
      </Text>
    </Alert>
  );
}

/** The error codes for which a failed job is best fixed in Settings. */
export function settingsHint(code: string) {
  if (code !== 'steamcmd-not-found') return null;
  return (
    <Text size="sm" mt={4}>
      Set the SteamCMD path in{' '}
      <Anchor component={Link} to="/settings">
        Settings
      </Anchor>
      , then try again.
    </Text>
  );
}
