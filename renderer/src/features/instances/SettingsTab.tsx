import { Alert, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { Instance, InstanceSettingsInput } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { PlayerListsCard } from './PlayerListsCard.tsx';
import { SettingsForm } from './SettingsForm.tsx';

export function SettingsTab({ instance }: { instance: Instance }) {
  const qc = useQueryClient();
  const live = instance.status === 'RUNNING' || instance.status === 'STARTING';
  const save = async (settings: InstanceSettingsInput) => {
    const updated = await call('updateInstance', { params: { id: instance.id }, body: { settings } });
    qc.setQueryData(keys.instance(instance.id), updated);
    notifications.show({ message: live ? 'Saved. Restart the server to apply.' : 'Saved.', color: 'teal' });
  };
  return (
    <Stack maw={960}>
      {live && (
        <Alert color="blue" variant="light">
          The server is running: changes apply at its next start.
        </Alert>
      )}
      <SettingsForm key={instance.updatedAt} initial={instance.settings} submitLabel="Save settings" onSubmit={save} />
      <PlayerListsCard instance={instance} />
    </Stack>
  );
}
