import { Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Cluster, TransferRules } from '@ark-asa/contracts';
import { useAction } from '../../components/use-action.ts';
import { useUpdateCluster } from './use-clusters.ts';

type Flag = Exclude<keyof TransferRules, `tribute${string}`>;
type Expiry = Extract<keyof TransferRules, `tribute${string}`>;

const FLAGS: [Flag, string][] = [
  ['preventDownloadSurvivors', 'Prevent downloading survivors'],
  ['preventDownloadItems', 'Prevent downloading items'],
  ['preventDownloadDinos', 'Prevent downloading dinos'],
  ['preventUploadSurvivors', 'Prevent uploading survivors'],
  ['preventUploadItems', 'Prevent uploading items'],
  ['preventUploadDinos', 'Prevent uploading dinos'],
  ['noTransferFromFiltering', 'Allow transfers from other clusters (-NoTransferFromFiltering)'],
];

const EXPIRIES: [Expiry, string][] = [
  ['tributeItemExpirationSeconds', 'Uploaded items expire after (s)'],
  ['tributeDinoExpirationSeconds', 'Uploaded dinos expire after (s)'],
  ['tributeCharacterExpirationSeconds', 'Uploaded survivors expire after (s)'],
];

/** The cluster's transfer rules; every member uses them from its next start. */
export function TransferRulesForm({ cluster }: { cluster: Cluster }) {
  const [rules, setRules] = useState<TransferRules>(cluster.transferRules);
  const update = useUpdateCluster(cluster.id);
  const save = useAction((r: TransferRules) => update.mutateAsync({ transferRules: r }), {
    success: () => 'Transfer rules saved; members use them from their next start',
  });
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        Transfer rules
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6}>
        {FLAGS.map(([field, label]) => (
          <Checkbox
            key={field}
            size="xs"
            label={label}
            checked={rules[field]}
            onChange={(e) => setRules({ ...rules, [field]: e.currentTarget.checked })}
          />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing={6}>
        {EXPIRIES.map(([field, label]) => (
          <NumberInput
            key={field}
            size="xs"
            label={label}
            placeholder="game default"
            min={0}
            allowDecimal={false}
            value={rules[field] ?? ''}
            onChange={(v) => setRules({ ...rules, [field]: typeof v === 'number' ? v : null })}
          />
        ))}
      </SimpleGrid>
      <Group>
        <Button size="xs" variant="light" loading={save.isPending} onClick={() => save.mutate([rules])}>
          Save rules
        </Button>
      </Group>
    </Stack>
  );
}
