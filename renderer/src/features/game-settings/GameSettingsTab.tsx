import { Alert, Loader, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { Instance, InstanceStatus } from '@ark-asa/contracts';
import { useGameSettings, useGameSettingsCatalogue } from './game-settings-api.ts';
import { canEditFiles } from './game-settings-status.ts';
import { GameSettingsEditor } from './GameSettingsEditor.tsx';

/** The "Game settings" tab: known INI settings as a typed form over the same files as Config files. */
export function GameSettingsTab({ instance }: { instance: Instance }) {
  const catalogue = useGameSettingsCatalogue();
  const values = useGameSettings(instance.id);
  useRefetchWhenStopped(instance.status, values.refetch);
  const error = catalogue.error ?? values.error;
  if (error)
    return (
      <Alert color="red" title="Could not read the game settings">
        {error.message}
      </Alert>
    );
  if (!catalogue.data || !values.data) return <Loader size="sm" />;
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        Known settings of GameUserSettings.ini and Game.ini. Saving changes only the keys you edit: comments, hand edits
        and keys not listed here stay as they are. Everything else is in Config files.
      </Text>
      <GameSettingsEditor instance={instance} catalogue={catalogue.data} state={values.data} />
    </>
  );
}

/** ARK rewrites GameUserSettings.ini as it exits: read the values again once the process is gone. */
function useRefetchWhenStopped(status: InstanceStatus, refetch: () => Promise<unknown>): void {
  const previous = useRef(status);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (was !== status && canEditFiles(status)) void refetch();
  }, [status, refetch]);
}
