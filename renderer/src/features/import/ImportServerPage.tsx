import { Alert, Anchor, Button, Card, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ImportInstanceJobResult, type ImportMode, type ImportPreview } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useTrackedJob } from '../backups/use-backups.ts';
import { withBrowse } from '../desktop/BrowseButton.tsx';
import { HostSelect } from '../hosts/HostSelect.tsx';
import { useHostChoice } from '../hosts/use-host-choice.ts';
import { ImportPreviewCard } from './ImportPreviewCard.tsx';

/** Bring in a server that already exists on a host: host, path, preview, mode, name, import (docs/import.md). */
export function ImportServerPage() {
  const host = useHostChoice();
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
  const agentId = host.agentId;
  const onHost = agentId ? { agentId } : {};
  const runPreview = () =>
    attempt(async () => {
      setPreview(null);
      const p = await call('previewImport', { body: { sourcePath, ...onHost } });
      setPreview(p);
      if (!name) setName(p.settings.sessionName ?? '');
      if (!p.canRunInPlace) setMode('copy');
    });
  const runImport = () =>
    attempt(async () =>
      setJobId((await call('importInstance', { body: { sourcePath, name, mode, ...onHost } })).job.id),
    );
  // The folder is read on the picked host: a preview of another host's folder says nothing here.
  const pickHost = (id: string) => {
    host.select(id);
    setPreview(null);
    setError(null);
  };
  const remote = host.agentId !== undefined;
  const where = remote ? `on ${host.picked?.name ?? 'that host'}` : 'on this PC';
  const example = host.picked && host.picked.platform !== 'win32' ? '/srv/ark/island' : 'C:\\ARK\\Island';
  return (
    <Stack maw={960}>
      <Title order={2}>Import an existing server</Title>
      <Text c="dimmed" size="sm">
        A server you already run on this PC or on one of your hosts (by hand, with a .bat file or with another manager)
        becomes a server here: its world, GameUserSettings.ini, Game.ini, player lists and start arguments. Nothing in
        its folder is changed or deleted.
      </Text>
      <Card>
        <Stack>
          <HostSelect
            choice={{ ...host, select: pickHost }}
            work="importing a server"
            description="The machine whose disk holds the server folder; the imported server runs there"
            error={error}
          />
          <TextInput
            label="Server folder"
            description={`The folder ${where} that holds ShooterGame, e.g. ${example}`}
            value={sourcePath}
            onChange={(e) => setSourcePath(e.currentTarget.value)}
            error={error?.fieldMessage('sourcePath')}
            // The file dialog shows this PC's disks: no help for a folder on another host.
            inputContainer={
              remote
                ? undefined
                : withBrowse({
                    title: 'Choose the server folder',
                    what: 'the server folder',
                    defaultPath: sourcePath,
                    onPick: setSourcePath,
                  })
            }
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
      {error && !error.fieldMessage('sourcePath') && !error.fieldMessage('name') && !error.fieldMessage('agentId') && (
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
