import { Alert, Anchor, Button, Card, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ImportInstanceJobResult, type ImportMode, type ImportPreview } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useTrackedJob } from '../backups/use-backups.ts';
import { withBrowse } from '../desktop/BrowseButton.tsx';
import { ImportPreviewCard } from './ImportPreviewCard.tsx';

/** Bring in a server that already exists on this host: path, preview, mode, name, import (docs/import.md). */
export function ImportServerPage() {
  const [sourcePath, setSourcePath] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mode, setMode] = useState<ImportMode>('copy');
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const attempt = async (fn: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    } finally {
      setBusy(false);
    }
  };
  const runPreview = () =>
    attempt(async () => {
      setPreview(null);
      const p = await call('previewImport', { body: { sourcePath } });
      setPreview(p);
      if (!name) setName(p.settings.sessionName ?? '');
      if (!p.canRunInPlace) setMode('copy');
    });
  const runImport = () =>
    attempt(async () => setJobId((await call('importInstance', { body: { sourcePath, name, mode } })).job.id));
  return (
    <Stack maw={960}>
      <Title order={2}>Import an existing server</Title>
      <Text c="dimmed" size="sm">
        A server you already run on this host (by hand, with a .bat file or with another manager) becomes a server here:
        its world, GameUserSettings.ini, Game.ini, player lists and start arguments. Nothing in its folder is changed or
        deleted.
      </Text>
      <Card>
        <Stack>
          <TextInput
            label="Server folder"
            description="The folder that holds ShooterGame, e.g. C:\ARK\Island"
            value={sourcePath}
            onChange={(e) => setSourcePath(e.currentTarget.value)}
            error={error?.fieldMessage('sourcePath')}
            inputContainer={withBrowse({
              title: 'Choose the server folder',
              what: 'the server folder',
              defaultPath: sourcePath,
              onPick: setSourcePath,
            })}
            data-autofocus
          />
          <Group>
            <Button onClick={() => void runPreview()} loading={busy && !preview} disabled={!sourcePath.trim()}>
              Preview
            </Button>
          </Group>
        </Stack>
      </Card>
      {preview && <ImportPreviewCard preview={preview} />}
      {preview && !jobId && (
        <Card>
          <Stack>
            <Radio.Group label="How" value={mode} onChange={(v) => setMode(v)}>
              <Stack gap="xs" mt="xs">
                <Radio
                  value="copy"
                  label="Copy onto the installed build (recommended)"
                  description="A new server whose files are linked from the build cache; the saves, INI and list files are copied. Updates, rollbacks and backups work as for any server. The old folder stays as it is."
                />
                <Radio
                  value="in-place"
                  disabled={!preview.canRunInPlace}
                  label="Run it where it is"
                  description="The server runs from its own folder: its saves and logs are written there as before. The manager never deletes that folder and does not update it: update it with SteamCMD yourself."
                />
              </Stack>
            </Radio.Group>
            <TextInput
              label="Name"
              description="Shown in this manager only"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error?.fieldMessage('name')}
              required
            />
            <Group>
              <Button onClick={() => void runImport()} loading={busy} disabled={!name.trim()}>
                Import
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {error && !error.fieldMessage('sourcePath') && !error.fieldMessage('name') && (
        <Alert color="red" role="alert" title="The import cannot start">
          {error.message}
        </Alert>
      )}
      {jobId && <ImportOutcome jobId={jobId} />}
    </Stack>
  );
}

function ImportOutcome({ jobId }: { jobId: string }) {
  const { status, result, error } = useTrackedJob(jobId);
  const parsed = ImportInstanceJobResult.safeParse(result);
  return (
    <Card data-testid="import-outcome" data-status={status}>
      {(status === undefined || status === 'PENDING' || status === 'RUNNING') && (
        <JobProgress jobId={jobId} label="Import" fallbackMessage="Waiting for its turn…" />
      )}
      {status === 'FAILED' && (
        <Alert color="red" role="alert" title="The import failed">
          {error ?? 'See the job for details.'} The source folder is as it was.
        </Alert>
      )}
      {status === 'COMPLETED' && parsed.success && (
        <Text role="status">
          Imported.{' '}
          <Anchor component={Link} to={`/instances/${parsed.data.instanceId}`}>
            Open {parsed.data.name}
          </Anchor>
        </Text>
      )}
    </Card>
  );
}
