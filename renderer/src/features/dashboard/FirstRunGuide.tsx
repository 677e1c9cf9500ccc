import { Alert, Button, Group, Stepper, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { BuildList, Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useAction } from '../../components/use-action.ts';

/**
 * First-run guidance: the next step a new user takes, always one button away —
 * "Install the server" → "Create your first server" → "Start it".
 */
export function FirstRunGuide({ builds, instances }: { builds: BuildList; instances: Instance[] }) {
  const install = useAction(() => call('installBuild', { body: {} }), { success: () => 'Installing the server: follow the progress below' });
  const start = useAction((id: string) => call('startInstance', { params: { id } }), { success: () => 'Starting…' });
  const hasBuild = builds.items.length > 0;
  const first = instances[0];
  const anyRunning = instances.some((i) => i.status === 'RUNNING' || i.status === 'STARTING');
  const step = !hasBuild ? 0 : !first ? 1 : anyRunning ? 3 : 2;
  if (step === 3) return null;
  return (
    <Alert variant="light" title="Get your first server running" data-testid="first-run">
      <Stepper active={step} size="sm" mt="xs" allowNextStepsSelect={false}>
        <Stepper.Step label="Install the server" description="Download it with SteamCMD (about 13 GB)">
          <Group mt="sm">
            <Button onClick={() => install.mutate([])} loading={install.isPending}>Install the server now</Button>
            <Text size="sm" c="dimmed">SteamCMD must be set up first on Linux; see Settings.</Text>
          </Group>
        </Stepper.Step>
        <Stepper.Step label="Create your first server" description="Pick a map, a name and passwords">
          <Button mt="sm" component={Link} to="/instances/new">Create your first server</Button>
        </Stepper.Step>
        <Stepper.Step label="Start it" description="It goes live when it advertises for join">
          {first && <Button mt="sm" onClick={() => start.mutate([first.id])} loading={start.isPending}>Start {first.name}</Button>}
        </Stepper.Step>
      </Stepper>
    </Alert>
  );
}
