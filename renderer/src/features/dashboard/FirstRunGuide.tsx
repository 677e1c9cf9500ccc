import { Alert, Button, Group, Stepper, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { BuildList, Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useAction } from '../../components/use-action.ts';
import { DataRootWarnings } from '../settings/DataRootWarnings.tsx';

/**
 * First-run guidance: the next step a new user takes, always one button away —
 * "Install the server" → "Create your first server" → "Start it". Only for the first run: once a
 * build and a server exist it is gone for good (stopped servers are not a first run), and the
 * server's own page has the Start button.
 */
export function FirstRunGuide({ builds, instances }: { builds: BuildList; instances: Instance[] }) {
  const install = useAction(() => call('installBuild', { body: {} }), {
    success: () => 'Installing the server: follow the progress below',
  });
  const hasBuild = builds.items.length > 0;
  if (hasBuild && instances.length > 0) return null;
  const step = hasBuild ? 1 : 0;
  return (
    <Alert variant="light" title="Get your first server running" data-testid="first-run">
      <Stepper active={step} size="sm" mt="xs" allowNextStepsSelect={false}>
        <Stepper.Step label="Install the server" description="Download it with SteamCMD (about 12 GiB)">
          {!hasBuild && <DataRootWarnings />}
          <Group mt="sm">
            <Button onClick={() => install.mutate([])} loading={install.isPending}>
              Install the server now
            </Button>
            <Text size="sm" c="dimmed">
              SteamCMD must be set up first on Linux; see Settings.
            </Text>
          </Group>
        </Stepper.Step>
        <Stepper.Step label="Create your first server" description="Pick a map, a name and passwords">
          <Button mt="sm" component={Link} to="/instances/new">
            Create your first server
          </Button>
        </Stepper.Step>
        <Stepper.Step label="Start it" description="It goes live when it advertises for join" />
      </Stepper>
    </Alert>
  );
}
