import { Alert, Anchor, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { MisplacedSettingWarning } from './game-settings-types.ts';

/** Why nothing can be changed now, in the place the eye starts. */
export function ReadOnlyNotice({ reason }: { reason: string | null }) {
  if (!reason) return null;
  return (
    <Alert color="yellow" variant="light" p="xs" data-testid="game-settings-readonly">
      {reason}
    </Alert>
  );
}

/** Known keys the files hold in a section the game does not read them from: fixed in the raw editor. */
export function MisplacedNotice({ warnings, instanceId }: { warnings: MisplacedSettingWarning[]; instanceId: string }) {
  if (!warnings.length) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      p="xs"
      title="Keys in the wrong section"
      data-testid="game-settings-misplaced"
    >
      <Text size="sm">
        The game does not read these where they are; move them in{' '}
        <Anchor component={Link} to={`/instances/${instanceId}/config`} size="sm">
          Config files
        </Anchor>
        .
      </Text>
      <List size="sm" mt={4}>
        {warnings.map((w) => (
          <List.Item key={`${w.file}:${w.line}`}>
            {w.file} line {w.line}: {w.key} belongs in [{w.expectedSection}]
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
