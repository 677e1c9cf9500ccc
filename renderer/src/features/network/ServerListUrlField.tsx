import { Button, Group, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, call } from '../../api/http.ts';
import { keys, useSettings } from '../../api/queries.ts';
import { useAction } from '../../components/use-action.ts';

/** The address of the public server list the check reads (the serverListUrl setting, manager-wide). */
export function ServerListUrlField() {
  const qc = useQueryClient();
  const settings = useSettings();
  // null: untouched, so the field shows the stored address as it loads or changes elsewhere.
  const [draft, setDraft] = useState<string | null>(null);
  const stored = settings.data?.serverListUrl ?? '';
  const url = draft ?? stored;
  const save = useAction(() => call('patchSettings', { body: { serverListUrl: url.trim() } }), {
    success: () => 'Server list address saved',
  });
  const error = save.error instanceof ApiError ? save.error.fieldMessage('serverListUrl') : undefined;
  return (
    <Group align="flex-end">
      <TextInput
        style={{ flex: 1 }}
        label="Server list address (all servers)"
        value={url}
        onChange={(e) => setDraft(e.currentTarget.value)}
        error={error}
        classNames={{ input: 'mono' }}
        data-testid="server-list-url"
      />
      <Button
        variant="default"
        disabled={url.trim() === stored}
        loading={save.isPending}
        onClick={() =>
          save.mutate([], {
            onSuccess: () => {
              setDraft(null);
              void qc.invalidateQueries({ queryKey: keys.settings });
            },
          })
        }
      >
        Save
      </Button>
    </Group>
  );
}
