import { Anchor, Code, List, Popover, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ConfigFileName } from '@ark-asa/contracts';

/** The GameUserSettings.ini keys the manager writes before every start (app/domain/ini/managed-settings.ts). */
const MANAGED_KEYS = [
  '[ServerSettings] RCONEnabled, RCONPort, ServerAdminPassword, ServerPassword',
  '[SessionSettings] SessionName, Port',
  '[/Script/Engine.GameSession] MaxPlayers',
];

/** One line on who owns which keys, so an edit the manager will overwrite is no surprise. */
export function ConfigNotes({ file, instanceId }: { file: ConfigFileName; instanceId: string }) {
  if (file === 'Game.ini') {
    return (
      <Text size="xs" c="dimmed">
        The manager never changes Game.ini: it is saved exactly as you write it.
      </Text>
    );
  }
  return (
    <Text size="xs" c="dimmed" maw={560}>
      At each start the manager writes the session name, ports, passwords and max players from{' '}
      <Anchor component={Link} to={`/instances/${instanceId}/settings`} size="xs">
        Settings
      </Anchor>{' '}
      into this file;{' '}
      <Popover width={420} withArrow shadow="md">
        <Popover.Target>
          <Anchor component="button" type="button" size="xs">
            which keys
          </Anchor>
        </Popover.Target>
        <Popover.Dropdown>
          <Text size="sm" mb={6}>
            Overwritten before every start (edit them in Settings instead):
          </Text>
          <List size="sm" spacing={4}>
            {MANAGED_KEYS.map((k) => (
              <List.Item key={k}>
                <Code>{k}</Code>
              </List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed" mt={6}>
            Every other line, comment and repeated key stays exactly as written.
          </Text>
        </Popover.Dropdown>
      </Popover>
      . Everything else stays as written.
    </Text>
  );
}
