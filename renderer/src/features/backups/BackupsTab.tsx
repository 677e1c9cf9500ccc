import { Alert, Card, EmptyState, Group, Loader, Progress, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Backup, BackupPolicy, Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { bytes } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { useNow } from '../../components/use-now.ts';
import { restoreBlocked } from './backup-look.ts';
import { BackupNow } from './BackupNow.tsx';
import { BackupPolicyForm } from './BackupPolicyForm.tsx';
import { BackupTable } from './BackupTable.tsx';
import { ImportSaveCard } from '../import/ImportSaveCard.tsx';
import { RestoreDialog } from './RestoreDialog.tsx';
import { RestoreOutcome, type RestoreRun } from './RestoreOutcome.tsx';
import { backupKeys, useBackupPolicy, useBackups } from './use-backups.ts';

/** Backups of one server: take one, restore one in two clicks, download, delete, and the retention policy. */
export function BackupsTab({ instance }: { instance: Instance }) {
  const qc = useQueryClient();
  const backups = useBackups(instance.id);
  const policy = useBackupPolicy(instance.id);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [restoreRun, setRestoreRun] = useState<RestoreRun | null>(null);
  const hintId = useId();
  const now = useNow(30_000);
  const remove = useAction((b: Backup) => call('deleteBackup', { params: { id: instance.id, backupId: b.id } }), {
    success: () => 'Backup deleted',
  });
  const onDelete = (b: Backup) =>
    remove.mutate([b], { onSettled: () => void qc.invalidateQueries({ queryKey: backupKeys.list(instance.id) }) });
  const blocked = restoreBlocked(instance.status);
  const list = backups.data ?? [];
  return (
    <Stack maw={1200}>
      {restoreRun && <RestoreOutcome run={restoreRun} onDismiss={() => setRestoreRun(null)} />}
      <BackupNow instance={instance} />
      <Card>
        <Group justify="space-between" align="flex-start" mb="sm">
          <div>
            <Title order={5}>Backups</Title>
            <Text size="xs" c="dimmed" id={hintId}>
              {blocked ?? 'Restore takes a safety backup of the current saves first, so a restore can be undone.'}
            </Text>
          </div>
          <UsageSummary backups={list} policy={policy.data} />
        </Group>
        {backups.isLoading ? (
          <Loader size="sm" />
        ) : backups.error ? (
          <Alert color="red" title="Could not load the backups">
            {backups.error.message}
          </Alert>
        ) : list.length === 0 ? (
          <EmptyState
            size="sm"
            title="No backups yet"
            description="“Back up now” takes one; a BACKUP schedule (Schedules tab) takes them regularly."
          />
        ) : (
          <BackupTable
            backups={list}
            now={now}
            restoreBlocked={blocked}
            restoreHintId={hintId}
            onRestore={setRestoring}
            onDelete={onDelete}
            deletingId={remove.isPending ? (remove.variables[0]?.id ?? null) : null}
          />
        )}
      </Card>
      <ImportSaveCard instance={instance} />
      {policy.data && (
        <BackupPolicyForm key={JSON.stringify(policy.data)} instanceId={instance.id} policy={policy.data} />
      )}
      {policy.error && (
        <Alert color="red" title="Could not load the retention policy">
          {policy.error.message}
        </Alert>
      )}
      <RestoreDialog
        instance={instance}
        backup={restoring}
        onClose={() => setRestoring(null)}
        onStarted={(jobId, b) => setRestoreRun({ jobId, backupCreatedAt: b.createdAt })}
      />
    </Stack>
  );
}

/** Space the backups take, against the size limit when there is one. */
function UsageSummary({ backups, policy }: { backups: Backup[]; policy: BackupPolicy | undefined }) {
  const total = backups.reduce((sum, b) => sum + b.sizeBytes, 0);
  const limit = policy?.maxTotalBytes ?? null;
  return (
    <div style={{ minWidth: 220 }} data-testid="backup-usage">
      <Text size="sm" ta="right">
        {backups.length} backup{backups.length === 1 ? '' : 's'} · <b>{bytes(total)}</b> used
        {limit !== null ? ` of ${bytes(limit)}` : ''}
      </Text>
      {limit !== null && (
        <Progress
          value={Math.min(100, (total / limit) * 100)}
          size="sm"
          mt={4}
          aria-label="Space used of the size limit"
        />
      )}
    </div>
  );
}
