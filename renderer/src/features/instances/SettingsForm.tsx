import {
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  PasswordInput,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { SECRET_MASK, type InstanceSettingsInput } from '@ark-asa/contracts';
import { ApiError } from '../../api/http.ts';
import { FormProblems, useFormAttention } from '../../components/form-attention.tsx';
import { MapField } from './MapField.tsx';
import { PlayerSwitchesFields } from './PlayerSwitchesFields.tsx';
import { describe, localErrors, PLATFORM_OPTIONS } from './settings-fields.ts';

export interface SettingsFormProps {
  initial: InstanceSettingsInput;
  /** Extra fields above the settings (the instance name when creating). */
  header?: ReactNode;
  submitLabel: string;
  /** Saves; throws ApiError whose field messages are shown at the fields. */
  onSubmit: (values: InstanceSettingsInput) => Promise<void>;
  /** Field errors from outside (e.g. the name), by API field path; null once the page cleared them. */
  apiError?: ApiError | null;
}

/**
 * The instance settings form, driven by the contracts: the same zod schema checks it here and on
 * the server, field descriptions come from the schema, and the API's messages land at their field.
 */
export function SettingsForm({ initial, header, submitLabel, onSubmit, apiError }: SettingsFormProps) {
  const [v, setV] = useState<InstanceSettingsInput>(initial);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const { attach: attachForm, problems, check: pointAtProblems, clear: clearProblems } = useFormAttention();
  // When the page clears its error (the user changed what the API refused, e.g. picked another
  // host), the summary that named the field goes too; adjusted during render, not in an effect.
  const [seenApiError, setSeenApiError] = useState(apiError);
  if (apiError !== seenApiError) {
    setSeenApiError(apiError);
    if (apiError === null) clearProblems();
  }
  const local = submitted ? localErrors(v) : {};
  const err = (key: keyof InstanceSettingsInput) =>
    serverError?.fieldMessage(`settings.${key}`) ?? apiError?.fieldMessage(`settings.${key}`) ?? local[key];
  const set =
    <K extends keyof InstanceSettingsInput>(key: K) =>
    (value: InstanceSettingsInput[K]) =>
      setV((old) => ({ ...old, [key]: value }));
  const submit = async () => {
    setSubmitted(true);
    setServerError(null);
    if (Object.keys(localErrors(v)).length) return pointAtProblems();
    setSaving(true);
    try {
      await onSubmit(v);
      clearProblems();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setServerError(e);
      pointAtProblems();
    } finally {
      setSaving(false);
    }
  };
  // A page that passes `apiError` owns the error's life: once it clears it (e.g. the user picked
  // another host after "Host X is offline"), the sentence beside the button goes too.
  const general =
    serverError && apiError !== null && !serverError.fields.some((f) => f.field.startsWith('settings.'))
      ? serverError.message
      : null;
  return (
    <form ref={attachForm} onSubmit={(e) => (e.preventDefault(), void submit())} noValidate>
      <Stack>
        {header}
        <Fieldset legend="Server">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <MapField value={v.map ?? ''} onChange={set('map')} error={err('map')} />
            <TextInput
              label="Session name"
              description="The name players see in the server list"
              value={v.sessionName ?? ''}
              onChange={(e) => set('sessionName')(e.currentTarget.value)}
              error={err('sessionName')}
            />
            <NumberInput
              clampBehavior="none"
              label="Game port"
              description={describe('gamePort')}
              value={v.gamePort}
              onChange={(x) => set('gamePort')(Number(x))}
              error={err('gamePort')}
              min={1024}
              max={65535}
            />
            <NumberInput
              clampBehavior="none"
              label="RCON port"
              description={describe('rconPort')}
              value={v.rconPort}
              onChange={(x) => set('rconPort')(Number(x))}
              error={err('rconPort')}
              min={1024}
              max={65535}
            />
            <NumberInput
              clampBehavior="none"
              label="Max players"
              value={v.maxPlayers}
              onChange={(x) => set('maxPlayers')(Number(x))}
              error={err('maxPlayers')}
              min={1}
              max={500}
            />
            <MultiSelect
              label="Platforms"
              description="None selected means every platform (crossplay)"
              data={PLATFORM_OPTIONS}
              value={v.platforms ?? []}
              onChange={(x) => set('platforms')(x)}
              error={err('platforms')}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Passwords">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <PasswordInput
              label="Join password"
              description="Empty for an open server"
              placeholder={v.serverPassword === SECRET_MASK ? 'unchanged' : undefined}
              value={v.serverPassword ?? ''}
              onChange={(e) => set('serverPassword')(e.currentTarget.value)}
              error={err('serverPassword')}
            />
            <PasswordInput
              label="Admin and RCON password"
              description="Generated when left empty"
              value={v.adminPassword ?? ''}
              onChange={(e) => set('adminPassword')(e.currentTarget.value)}
              error={err('adminPassword')}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Mods and cluster">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TagsInput
              label="Mods"
              description="CurseForge project ids, in load order; the server downloads them at start"
              value={v.mods ?? []}
              onChange={set('mods')}
              error={err('mods')}
            />
            <TagsInput
              label="Passive mods"
              description="Loaded for their data only"
              value={v.passiveMods ?? []}
              onChange={set('passiveMods')}
              error={err('passiveMods')}
            />
            <TextInput
              label="Cluster id"
              description="For a server outside a managed cluster (see Clusters); a member uses its cluster's id. Transfers need the same id and the same directory"
              value={v.clusterId ?? ''}
              onChange={(e) => set('clusterId')(e.currentTarget.value)}
              error={err('clusterId')}
            />
            <TextInput
              label="Cluster directory"
              description="Folder shared by every server of the cluster (no spaces); without it each keeps its own and transfers fail"
              value={v.clusterDir ?? ''}
              onChange={(e) => set('clusterDir')(e.currentTarget.value)}
              error={err('clusterDir')}
            />
          </SimpleGrid>
        </Fieldset>
        <PlayerSwitchesFields values={v} onChange={(patch) => setV((old) => ({ ...old, ...patch }))} error={err} />
        <Fieldset legend="Behaviour">
          <Stack gap="sm">
            <Switch
              label="BattlEye anti-cheat"
              description="Off adds -NoBattlEye"
              checked={v.battlEye ?? false}
              onChange={(e) => set('battlEye')(e.currentTarget.checked)}
            />
            <Switch
              label="Restart automatically after a crash"
              description="With a guard: it gives up after repeated crashes"
              checked={v.autoRestartOnCrash ?? true}
              onChange={(e) => set('autoRestartOnCrash')(e.currentTarget.checked)}
            />
            <TagsInput
              label="Extra ?options"
              description="Added to the map URL, e.g. AllowFlyerCarryPvE=True"
              value={v.extraQueryArgs ?? []}
              onChange={set('extraQueryArgs')}
              error={err('extraQueryArgs')}
            />
            <TagsInput
              label="Extra -flags"
              description="Added after the URL, e.g. -ForceAllowCaveFlyers"
              value={v.extraDashArgs ?? []}
              onChange={set('extraDashArgs')}
              error={err('extraDashArgs')}
            />
          </Stack>
        </Fieldset>
        {general && (
          <Text c="red" size="sm" role="alert">
            {general}
          </Text>
        )}
        <Group justify="flex-end">
          <FormProblems problems={problems} />
          <Button type="submit" loading={saving}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
