import { Button, Card, Checkbox, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BackupPolicy } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { FormProblems, useFormAttention } from '../../components/form-attention.tsx';
import { backupKeys } from './use-backups.ts';
import {
  describePolicy,
  draftFromPolicy,
  policyErrors,
  policyFromDraft,
  type PolicyDraft,
  type PolicyField,
} from './policy-draft.ts';

/** No clamping on the inputs: a typed 0 must show its message, not be saved silently as 1. */
const asNumber = (v: string | number): number | '' => (v === '' ? '' : Number(v));

/** The retention policy; mounted with a key of the stored policy, so a change elsewhere resets it. */
export function BackupPolicyForm({ instanceId, policy }: { instanceId: string; policy: BackupPolicy }) {
  const qc = useQueryClient();
  const [d, setD] = useState<PolicyDraft>(() => draftFromPolicy(policy));
  const [submitted, setSubmitted] = useState(false);
  const { attach: attachForm, problems, check: pointAtProblems, clear: clearProblems } = useFormAttention();
  const save = useMutation({
    mutationFn: (p: BackupPolicy) => call('putBackupPolicy', { params: { id: instanceId }, body: p }),
    onSuccess: (saved) => {
      qc.setQueryData(backupKeys.policy(instanceId), saved);
      notifications.show({
        message: 'Retention saved: it applies after the next backup',
        color: 'teal',
        autoClose: 3000,
      });
    },
  });
  const local = submitted ? policyErrors(d) : {};
  const err = (f: PolicyField) => (save.error instanceof ApiError ? save.error.fieldMessage(f) : undefined) ?? local[f];
  const set = <K extends keyof PolicyDraft>(k: K, v: PolicyDraft[K]) => setD((old) => ({ ...old, [k]: v }));
  const dirty = JSON.stringify(policyFromDraft(d)) !== JSON.stringify(policy);
  const submit = () => {
    setSubmitted(true);
    if (Object.keys(policyErrors(d)).length) return pointAtProblems();
    save.mutate(policyFromDraft(d), { onError: pointAtProblems, onSuccess: clearProblems });
  };
  return (
    <Card>
      <form
        ref={attachForm}
        onSubmit={(e) => (e.preventDefault(), submit())}
        noValidate
        aria-labelledby="retention-title"
      >
        <Stack gap="sm">
          <div>
            <Title order={5} id="retention-title">
              Retention
            </Title>
            <Text size="xs" c="dimmed">
              Runs after each successful backup and deletes the oldest backups beyond any of these limits. It never
              deletes the newest verified backup, even when that one alone is over a limit. Now:{' '}
              {describePolicy(policy)}
            </Text>
          </div>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <NumberInput
              clampBehavior="none"
              label="Backups to keep"
              description="The newest ones"
              min={1}
              max={10_000}
              allowDecimal={false}
              value={d.keepCount}
              onChange={(v) => set('keepCount', asNumber(v))}
              error={err('keepCount')}
            />
            <Stack gap={6}>
              <NumberInput
                clampBehavior="none"
                label="Maximum age (days)"
                description="Older backups are deleted"
                min={1}
                max={36_500}
                disabled={!d.ageLimit}
                placeholder="no age limit"
                value={d.ageLimit ? d.maxAgeDays : ''}
                onChange={(v) => set('maxAgeDays', asNumber(v))}
                error={d.ageLimit ? err('maxAgeDays') : undefined}
              />
              <Checkbox
                label="No age limit"
                checked={!d.ageLimit}
                onChange={(e) => set('ageLimit', !e.currentTarget.checked)}
              />
            </Stack>
            <Stack gap={6}>
              <NumberInput
                clampBehavior="none"
                label="Maximum total size (GiB)"
                description="The oldest go first when over it"
                min={0.1}
                step={1}
                decimalScale={2}
                disabled={!d.sizeLimit}
                placeholder="no size limit"
                value={d.sizeLimit ? d.maxTotalGb : ''}
                onChange={(v) => set('maxTotalGb', asNumber(v))}
                error={d.sizeLimit ? err('maxTotalBytes') : undefined}
              />
              <Checkbox
                label="No size limit"
                checked={!d.sizeLimit}
                onChange={(e) => set('sizeLimit', !e.currentTarget.checked)}
              />
            </Stack>
          </SimpleGrid>
          {save.error && !(save.error instanceof ApiError && save.error.fields.length) && (
            <Text size="sm" c="red" role="alert">
              {save.error.message}
            </Text>
          )}
          <Group justify="flex-end">
            <FormProblems problems={problems} />
            <Button
              variant="default"
              disabled={!dirty}
              onClick={() => (setD(draftFromPolicy(policy)), setSubmitted(false), save.reset())}
            >
              Reset
            </Button>
            <Button type="submit" disabled={!dirty} loading={save.isPending}>
              Save retention
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
