import { Alert, Anchor, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Instance, InstanceMods } from '@ark-asa/contracts';
import { ago } from '../../components/format.ts';
import { useNow } from '../../components/use-now.ts';
import { lastFetched } from './mod-look.ts';
import { ModRestartDialog } from './ModRestartDialog.tsx';
import { ModsNotice } from './ModsNotice.tsx';
import { ModsTable } from './ModsTable.tsx';
import { useInstanceMods, useRefreshMods } from './use-mods.ts';

/** The instance's mods: names from CurseForge, installed against latest files, and the restart that updates them. */
export function ModsTab({ instance }: { instance: Instance }) {
  const mods = useInstanceMods(instance.id, instance.status);
  if (mods.isLoading) return <Skeleton h={240} />;
  if (!mods.data)
    return (
      <Alert color="red" title="Could not load the mods">
        {mods.error?.message}
      </Alert>
    );
  const data = mods.data;
  const empty = data.mods.length === 0 && data.passiveMods.length === 0;
  return (
    <Stack maw={1100}>
      <ModsHeader instance={instance} data={data} />
      {data.notice && !empty && <ModsNotice notice={data.notice} />}
      {data.updatesAvailable > 0 && <UpdatesCallout instance={instance} updates={data.updatesAvailable} />}
      {empty ? (
        <EmptyMods instanceId={instance.id} />
      ) : (
        <>
          {data.mods.length > 0 && (
            <ModsTable
              kind="mod"
              title="Mods, in load order"
              description="Loaded in this order (-mods=)."
              mods={data.mods}
            />
          )}
          {data.passiveMods.length > 0 && (
            <ModsTable
              kind="passive"
              title="Passive mods"
              description="Loaded for their data only, e.g. to keep a removed mod's items (-passivemods=)."
              mods={data.passiveMods}
            />
          )}
          <EditHint instanceId={instance.id} />
        </>
      )}
    </Stack>
  );
}

function ModsHeader({ instance, data }: { instance: Instance; data: InstanceMods }) {
  const refresh = useRefreshMods(instance.id, instance.status);
  const now = useNow(30_000);
  const fetched = lastFetched([...data.mods, ...data.passiveMods]);
  const count = data.mods.length + data.passiveMods.length;
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Title order={3}>Mods</Title>
        <Text size="sm" c="dimmed">
          {count === 0 ? 'No mods on this server.' : `${count} ${count === 1 ? 'mod' : 'mods'} from CurseForge`}
          {data.apiKeyConfigured && count > 0 && ` · checked ${ago(fetched, now)}`}
        </Text>
      </div>
      {count > 0 && (
        <Stack gap={4} align="flex-end">
          <Button
            variant="light"
            loading={refresh.isPending}
            disabled={!data.apiKeyConfigured}
            onClick={() => refresh.mutate()}
            data-testid="mods-refresh"
          >
            Check now
          </Button>
          {refresh.error && (
            <Text size="xs" c="red" role="alert">
              {refresh.error.message}
            </Text>
          )}
        </Stack>
      )}
    </Group>
  );
}

function UpdatesCallout({ instance, updates }: { instance: Instance; updates: number }) {
  const [asking, setAsking] = useState(false);
  const running = instance.status === 'RUNNING';
  const what = `${updates} mod ${updates === 1 ? 'update' : 'updates'} available`;
  return (
    <Alert color="amber" variant="light" title={what} data-testid="mods-updates">
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          {running
            ? 'The server downloads new mod files when it starts: restart it to update. Players get an in-game countdown first.'
            : 'The server downloads them at its next start.'}
        </Text>
        {running && (
          <Button color="amber" onClick={() => setAsking(true)} data-testid="mods-restart">
            Restart with countdown to update mods
          </Button>
        )}
      </Group>
      {asking && <ModRestartDialog instance={instance} updates={updates} onClose={() => setAsking(false)} />}
    </Alert>
  );
}

function EditHint({ instanceId }: { instanceId: string }) {
  return (
    <Text size="sm" c="dimmed">
      To add, remove or reorder mods, edit the Mods and Passive mods fields in the{' '}
      <Anchor component={Link} to={`/instances/${instanceId}/settings`} size="sm">
        Settings tab
      </Anchor>
      .
    </Text>
  );
}

function EmptyMods({ instanceId }: { instanceId: string }) {
  return (
    <Card data-testid="mods-empty">
      <Stack gap={6} align="flex-start">
        <Text fw={600}>This server runs without mods</Text>
        <Text size="sm" c="dimmed">
          Add CurseForge project ids (e.g. 928597) to the Mods field in the Settings tab; the server downloads them when
          it starts, and this tab then shows their names and updates.
        </Text>
        <Button component={Link} to={`/instances/${instanceId}/settings`} variant="light" size="xs">
          Open the Settings tab
        </Button>
      </Stack>
    </Card>
  );
}
