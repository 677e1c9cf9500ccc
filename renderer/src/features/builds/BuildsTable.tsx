import { Anchor, Badge, Button, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link } from 'react-router';
import type { Build, Instance } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { ago, bytes, time } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { ConfirmButton } from '../jobs/ConfirmButton.tsx';

export function BuildsTable({
  builds,
  instances,
  newest,
  agentId,
}: {
  builds: Build[];
  instances: Instance[];
  newest: string | null;
  /** The remote host whose cache this is; undefined for this PC. */
  agentId?: string;
}) {
  const sorted = [...builds].sort((a, b) => (BigInt(b.buildId) > BigInt(a.buildId) ? 1 : -1));
  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table verticalSpacing="sm" data-testid="builds-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Build</Table.Th>
            <Table.Th>Installed</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th>Used by</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((b) => (
            <BuildRow
              key={b.buildId}
              build={b}
              users={instances.filter((i) => b.usedBy.includes(i.id))}
              isNewest={b.buildId === newest}
              agentId={agentId}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function BuildRow({
  build,
  users,
  isNewest,
  agentId,
}: {
  build: Build;
  users: Instance[];
  isNewest: boolean;
  agentId: string | undefined;
}) {
  return (
    <Table.Tr data-testid="build-row" data-build-id={build.buildId}>
      <Table.Td>
        <Group gap="xs">
          <Text ff="monospace" fw={600}>
            {build.buildId}
          </Text>
          {isNewest && (
            <Badge size="sm" variant="light">
              Newest
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Tooltip label={build.installPath}>
          <Text size="sm" span>
            {time(build.installedAt)}{' '}
            <Text span c="dimmed" size="xs">
              ({ago(build.installedAt)})
            </Text>
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{bytes(build.sizeBytes)}</Text>
      </Table.Td>
      <Table.Td>
        <UsedBy users={users} count={build.usedBy.length} />
      </Table.Td>
      <Table.Td>
        <Group justify="flex-end">
          <DeleteBuild build={build} users={users} agentId={agentId} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function UsedBy({ users, count }: { users: Instance[]; count: number }) {
  if (count === 0)
    return (
      <Text size="sm" c="dimmed">
        No server: can be deleted
      </Text>
    );
  return (
    <Text size="sm">
      {users.map((u, n) => (
        <Fragment key={u.id}>
          {n > 0 && ', '}
          <Anchor component={Link} to={`/instances/${u.id}`}>
            {u.name}
          </Anchor>
        </Fragment>
      ))}
      {users.length < count && `${users.length ? ', ' : ''}${count - users.length} more`}
    </Text>
  );
}

function DeleteBuild({ build, users, agentId }: { build: Build; users: Instance[]; agentId: string | undefined }) {
  const qc = useQueryClient();
  const query = agentId ? { agentId } : {};
  const remove = useAction(() => call('deleteBuild', { params: { buildId: build.buildId }, query }), {
    success: () => `Deleting build ${build.buildId}…`,
  });
  const inUse = build.usedBy.length > 0;
  if (inUse) {
    const names = users.map((u) => u.name).join(', ') || `${build.usedBy.length} server(s)`;
    // Still focusable (aria-disabled, not disabled) so keyboard users reach the tooltip's reason.
    return (
      <Tooltip
        label={`In use by ${names}: switch them to another build first`}
        multiline
        maw={280}
        events={{ hover: true, focus: true, touch: true }}
      >
        <Button
          size="xs"
          color="red"
          variant="light"
          data-disabled
          aria-disabled
          aria-label={`Delete build ${build.buildId}: not possible while ${names} use it`}
          onClick={(e) => e.preventDefault()}
          data-testid="delete-build"
        >
          Delete…
        </Button>
      </Tooltip>
    );
  }
  return (
    <ConfirmButton
      size="xs"
      label="Delete…"
      aria-label={`Delete build ${build.buildId}`}
      title={`Delete build ${build.buildId}?`}
      body={`Its ${bytes(build.sizeBytes)} of files are removed from disk. No server uses it, but you can no longer roll a server back to it: Steam only offers the newest build.`}
      confirmLabel="Delete the build"
      loading={remove.isPending}
      onConfirm={() => remove.mutate([], { onSuccess: () => void qc.invalidateQueries({ queryKey: keys.allJobs }) })}
      data-testid="delete-build"
    />
  );
}
