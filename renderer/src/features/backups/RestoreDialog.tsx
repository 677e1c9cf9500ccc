import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { Backup, Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { bytes, mapName } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { restoreBlocked, shortTime } from './backup-look.ts';

interface RestoreDialogProps {
  instance: Instance;
  backup: Backup | null;
  onClose: () => void;
  onStarted: (jobId: string, backup: Backup) => void;
}

/** The second of the two clicks: what a restore does, asked before it happens. */
export function RestoreDialog({ instance, backup, onClose, onStarted }: RestoreDialogProps) {
  const restore = useAction((b: Backup) => call('restoreBackup', { params: { id: instance.id, backupId: b.id } }));
  const blocked = restoreBlocked(instance.status);
  const confirm = (b: Backup) =>
    restore.mutate([b], {
      onSuccess: ({ job }) => {
        onStarted(job.id, b);
        onClose();
      },
    });
  return (
    <Modal
      opened={!!backup}
      onClose={onClose}
      title={backup ? `Restore the backup of ${shortTime(backup.createdAt)}?` : 'Restore'}
      centered
      size="lg"
    >
      {backup && (
        <Stack>
          <Text size="sm">
            {mapName(backup.map)} · {bytes(backup.sizeBytes)} · {backup.entries} files
            {backup.note ? ` · “${backup.note}”` : ''}
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>
              First a <b>safety backup</b> of the current saves is taken (kind pre-restore), so you can undo this by
              restoring that one.
            </List.Item>
            <List.Item>
              Then the saves, profiles, tribes and INI files are replaced by those in this backup; save files that are
              not in it are moved out.
            </List.Item>
            <List.Item>The server must be stopped while this runs. Start it again afterwards.</List.Item>
          </List>
          {blocked && (
            <Alert color="yellow" variant="light" role="alert">
              {blocked}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              Keep the current saves
            </Button>
            <Button
              color="orange"
              disabled={!!blocked}
              loading={restore.isPending}
              onClick={() => confirm(backup)}
              data-testid="restore-confirm"
            >
              Restore this backup
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
