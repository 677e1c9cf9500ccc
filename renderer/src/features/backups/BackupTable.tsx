import { Badge, Button, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { MouseEvent } from 'react';
import type { Backup } from '@ark-asa/contracts';
import { getToken } from '../../api/auth.ts';
import { ago, bytes, mapName, time } from '../../components/format.ts';
import { ConfirmButton } from '../jobs/ConfirmButton.tsx';
import { KIND_LOOK, shortTime } from './backup-look.ts';
import { downloadPath, downloadWithToken } from './download-backup.ts';

interface BackupTableProps {
  backups: Backup[];
  now: number;
  /** Why Restore is disabled (the server runs), or null. */
  restoreBlocked: string | null;
  restoreHintId: string;
  onRestore: (b: Backup) => void;
  onDelete: (b: Backup) => void;
  deletingId: string | null;
}

export function BackupTable({ backups, now, ...actions }: BackupTableProps) {
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table verticalSpacing="xs" highlightOnHover data-testid="backup-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={165}>Taken</Table.Th>
            <Table.Th w={130}>Kind</Table.Th>
            <Table.Th w={130} style={{ whiteSpace: 'nowrap' }}>
              Size, map
            </Table.Th>
            <Table.Th>Note</Table.Th>
            <Table.Th w={100}>Verified</Table.Th>
            <Table.Th w={275}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {backups.map((b) => (
            <BackupRow key={b.id} backup={b} now={now} {...actions} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function BackupRow({
  backup: b,
  now,
  restoreBlocked,
  restoreHintId,
  onRestore,
  onDelete,
  deletingId,
}: { backup: Backup; now: number } & Omit<BackupTableProps, 'backups' | 'now'>) {
  const kind = KIND_LOOK[b.kind];
  const when = shortTime(b.createdAt);
  return (
    <Table.Tr data-testid="backup-row" data-backup-id={b.id} data-kind={b.kind}>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }} title={time(b.createdAt)}>
          {when}
        </Text>
        <Text size="xs" c="dimmed">
          {ago(b.createdAt, now)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Tooltip label={kind.hint}>
          <Badge variant="light" color={kind.color} tabIndex={0} miw="max-content">
            {kind.label}
          </Badge>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{bytes(b.sizeBytes)}</Text>
        <Text size="xs" c="dimmed">
          {mapName(b.map)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2} c={b.note ? undefined : 'dimmed'}>
          {b.note ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        {b.verified ? (
          <Badge variant="light" color="teal" miw="max-content">
            verified
          </Badge>
        ) : (
          <Tooltip label="Missing or damaged when last read back: do not rely on it">
            <Badge variant="light" color="red" tabIndex={0} miw="max-content">
              damaged
            </Badge>
          </Tooltip>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap" w="max-content" ml="auto">
          <Button
            size="compact-sm"
            variant="light"
            disabled={!!restoreBlocked}
            aria-describedby={restoreBlocked ? restoreHintId : undefined}
            onClick={() => onRestore(b)}
            aria-label={`Restore the backup of ${when}`}
          >
            Restore
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            component="a"
            href={downloadPath(b)}
            download={b.fileName}
            onClick={(e: MouseEvent<HTMLAnchorElement>) => download(e, b)}
            aria-label={`Download the backup of ${when}`}
          >
            Download
          </Button>
          <ConfirmButton
            size="compact-sm"
            label="Delete…"
            aria-label={`Delete the backup of ${when}`}
            loading={deletingId === b.id}
            title={`Delete the backup of ${when}?`}
            body={`${b.fileName} (${bytes(b.sizeBytes)}) is deleted for good and can no longer be restored.`}
            confirmLabel="Delete the backup"
            keepLabel="Keep it"
            onConfirm={() => onDelete(b)}
          />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** A local manager needs no token: the plain link lets the browser stream the zip to disk. */
function download(e: MouseEvent<HTMLAnchorElement>, b: Backup): void {
  if (!getToken()) return;
  e.preventDefault();
  downloadWithToken(b).catch((err: unknown) =>
    notifications.show({
      title: 'The download did not work',
      message: err instanceof Error ? err.message : String(err),
      color: 'red',
    }),
  );
}
