import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { Instance } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { restoreBlocked } from '../backups/backup-look.ts';
import { withBrowse } from '../desktop/BrowseButton.tsx';
import { ImportSaveOutcome } from './ImportSaveOutcome.tsx';
import { UploadSaveField } from './UploadSaveField.tsx';

/** "Import save": a world from a folder or a .zip (another host, another manager) into this stopped server. */
export function ImportSaveCard({ instance }: { instance: Instance }) {
  const [sourcePath, setSourcePath] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const blocked = restoreBlocked(instance.status);
  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      setJobId((await call('importSave', { params: { id: instance.id }, body: { sourcePath } })).job.id);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card data-testid="import-save">
      <Stack gap="sm">
        <div>
          <Title order={5}>Import a save</Title>
          <Text size="xs" c="dimmed">
            A world from a folder or a .zip (a host&apos;s download, another manager&apos;s backup). A safety backup of
            the current saves is taken first, as for a restore; the source is only read.
          </Text>
        </div>
        <Group align="flex-end">
          <TextInput
            flex={1}
            label="Folder or .zip"
            value={sourcePath}
            onChange={(e) => setSourcePath(e.currentTarget.value)}
            error={
              error?.fieldMessage('sourcePath') ??
              (error && !error.fieldMessage('sourcePath') ? error.message : undefined)
            }
            inputContainer={withBrowse({
              title: 'Choose the save folder',
              what: 'the save folder',
              onPick: setSourcePath,
            })}
          />
          <Button onClick={() => void submit()} loading={busy} disabled={!sourcePath.trim() || !!blocked}>
            Import save
          </Button>
        </Group>
        {jobId && <ImportSaveOutcome jobId={jobId} />}
        <UploadSaveField instance={instance} blocked={blocked} />
        {blocked && (
          <Text size="xs" c="dimmed">
            {blocked}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
