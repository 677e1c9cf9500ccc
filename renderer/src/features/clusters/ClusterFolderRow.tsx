import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ClusterFolder, type Agent, type Cluster } from '@ark-asa/contracts';
import { ApiError } from '../../api/http.ts';
import { HostBadge } from '../hosts/InstanceHost.tsx';
import { useUpdateCluster } from './use-clusters.ts';

interface FolderRowProps {
  cluster: Cluster;
  agentId: string;
  /** Undefined while the hosts load, or for a host the manager no longer lists. */
  agent: Agent | undefined;
  memberCount: number;
}

/** The refusal is shown at the field from the mutation's state. */
const ignore = () => {};

const servers = (n: number) => (n === 0 ? 'no servers of this cluster' : n === 1 ? '1 server' : `${n} servers`);

/** What the host uses now: its own folder, else the default (this PC's default is known here). */
function inUse(cluster: Cluster, agentId: string, agent: Agent | undefined): string {
  const folder = cluster.folders[agentId];
  if (folder) return folder;
  return agent?.kind === 'local'
    ? `default under its data folder (${cluster.clusterDir})`
    : 'default under its data folder';
}

/** One host's cluster folder: the one in use, a field to set it, and the way back to the default. */
export function ClusterFolderRow({ cluster, agentId, agent, memberCount }: FolderRowProps) {
  const current = cluster.folders[agentId] ?? null;
  const [value, setValue] = useState(current ?? '');
  const [localError, setLocalError] = useState<string | null>(null);
  const update = useUpdateCluster(cluster.id);
  const name = agent?.name ?? 'an unknown host';
  const apiError = update.error instanceof ApiError ? update.error : null;
  // A refusal naming no field of this row (the host offline, a conflict) still comes from this row's save.
  const serverError = update.error ? (apiError?.fieldMessage(`folders.${agentId}`) ?? update.error.message) : null;
  // mutateAsync: the row may leave the list once its host has no folder and no members left, and
  // the user is still told it worked. A failure shows at the field (update.error).
  const send = (folder: string | null) =>
    update.mutateAsync({ folders: { [agentId]: folder } }).then(() => {
      setValue(folder ?? '');
      const what = folder ? 'Folder saved' : 'Back to the default folder';
      notifications.show({
        color: 'teal',
        autoClose: 3000,
        message: `${what} on ${name}; from each member's next start`,
      });
    }, ignore);
  const save = () => {
    const parsed = ClusterFolder.safeParse(value);
    if (!parsed.success) return setLocalError(parsed.error.issues[0]?.message ?? 'Not a valid folder');
    void send(parsed.data);
  };
  return (
    <Stack gap={4} data-testid="cluster-folder-row" data-host={agent?.name ?? agentId}>
      <Group gap="xs">
        {agent ? <HostBadge agentId={agentId} always /> : <Text size="sm">Unknown host</Text>}
        <Text size="xs" c="dimmed">
          {servers(memberCount)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
        In use: <span className="mono">{inUse(cluster, agentId, agent)}</span>
      </Text>
      <form onSubmit={(e) => (e.preventDefault(), save())} noValidate>
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            size="xs"
            flex={1}
            aria-label={`Cluster folder on ${name}`}
            placeholder="\\nas\ark-cluster, as this host reaches the share"
            value={value}
            error={localError ?? serverError}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setLocalError(null);
              update.reset();
            }}
            autoComplete="off"
            spellCheck={false}
            classNames={{ input: 'mono' }}
          />
          <Button
            type="submit"
            size="xs"
            variant="light"
            loading={update.isPending && update.variables.folders?.[agentId] !== null}
            disabled={!value.trim() || value.trim() === current}
          >
            Save
          </Button>
          <Button
            size="xs"
            variant="default"
            loading={update.isPending && update.variables.folders?.[agentId] === null}
            disabled={current === null}
            onClick={() => void send(null)}
          >
            Use default
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
