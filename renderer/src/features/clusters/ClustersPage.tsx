import { Alert, Button, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useInstances } from '../../api/queries.ts';
import { useAction } from '../../components/use-action.ts';
import { ClusterCard } from './ClusterCard.tsx';
import { useClusters, useCreateCluster } from './use-clusters.ts';

/** Clusters: servers that share transfers (survivors, items, dinos) through one folder and one id. */
export function ClustersPage() {
  const clusters = useClusters();
  const instances = useInstances();
  const [name, setName] = useState('');
  const [blank, setBlank] = useState(false);
  const create = useCreateCluster();
  const add = useAction((n: string) => create.mutateAsync({ name: n }), { success: (c) => `Created ${c.name}` });
  // Pressed without a name, the field says why instead of the button looking dead.
  const submit = () => {
    setBlank(!name.trim());
    if (name.trim()) add.mutate([name.trim()], { onSuccess: () => setName('') });
  };
  return (
    <Stack maw={1000}>
      <div>
        <Title order={2}>Clusters</Title>
        <Text c="dimmed" size="sm">
          Players move their survivor, items and dinos between the servers of a cluster. Every member starts with the
          same random cluster id and its host's cluster folder: on one PC that is one folder, so transfers just work;
          join a server on its page.
        </Text>
      </div>
      <Group align="flex-end">
        <TextInput
          label="New cluster"
          placeholder="e.g. Home cluster"
          value={name}
          error={blank ? 'Give the cluster a name' : undefined}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setBlank(false);
          }}
          onKeyDown={(e) => e.key === 'Enter' && submit()}
        />
        <Button loading={add.isPending} onClick={submit} data-testid="cluster-create">
          Create cluster
        </Button>
      </Group>
      {clusters.error && (
        <Alert color="red" title="Could not load the clusters">
          {clusters.error.message}
        </Alert>
      )}
      {clusters.isLoading && <Skeleton h={160} />}
      {clusters.data?.length === 0 && <Text c="dimmed">No clusters yet.</Text>}
      {clusters.data?.map((c) => (
        <ClusterCard key={c.id} cluster={c} members={(instances.data ?? []).filter((i) => i.clusterId === c.id)} />
      ))}
    </Stack>
  );
}
