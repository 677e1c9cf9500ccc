import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ModNotice, ModNoticeCode } from '@ark-asa/contracts';

/** Where the CurseForge key is set: the Settings page's section of that name. */
export const CURSEFORGE_SETTINGS_PATH = '/settings#curseforge';

const LOOK: Record<ModNoticeCode, { color: string; title: string; fix: string | null }> = {
  'no-api-key': {
    color: 'blue',
    title: 'Mod names and updates need a CurseForge API key',
    fix: 'Set the key in Settings',
  },
  'api-key-refused': { color: 'red', title: 'CurseForge refused the API key', fix: 'Replace the key in Settings' },
  'curseforge-unavailable': { color: 'yellow', title: 'CurseForge could not be reached', fix: null },
};

/**
 * Why names or update checks are missing. Never an error page: the ids still list, and the server
 * still downloads its mods at start without a key.
 */
export function ModsNotice({ notice }: { notice: ModNotice }) {
  const look = LOOK[notice.code];
  return (
    <Alert data-testid="mods-notice" data-code={notice.code} color={look.color} variant="light" title={look.title}>
      <Text size="sm">
        {notice.message}
        {look.fix && (
          <>
            {' '}
            <Anchor component={Link} to={CURSEFORGE_SETTINGS_PATH} size="sm">
              {look.fix}
            </Anchor>
            .
          </>
        )}
      </Text>
      {notice.code === 'no-api-key' && (
        <Text size="sm" c="dimmed" mt={4}>
          Until then the list shows the mod ids; the server still downloads its mods when it starts.
        </Text>
      )}
    </Alert>
  );
}
