import {
  Autocomplete,
  Badge,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { ManagerSettings } from '@ark-asa/contracts';
import { FormProblems, useFormAttention } from '../../components/form-attention.tsx';
import { AccessTokenField } from './AccessTokenField.tsx';
import { DataRootWarnings } from './DataRootWarnings.tsx';
import { RestartNotice } from './RestartNotice.tsx';
import { isLoopback, portDescription, type NumberField } from './settings-draft.ts';
import { SteamcmdInstall } from './SteamcmdInstall.tsx';
import { useSettingsForm } from './use-settings-form.ts';
import { withBrowse } from '../desktop/BrowseButton.tsx';
import { steamcmdIn } from '../desktop/desktop-bridge.ts';

type Form = ReturnType<typeof useSettingsForm>;

const BIND_OPTIONS = ['127.0.0.1', '0.0.0.0'];

/** The manager-wide settings, each explained where it is edited. */
export function ManagerSettingsForm({ settings }: { settings: ManagerSettings }) {
  const form = useSettingsForm(settings);
  const { attach: attachForm, problems, check: pointAtProblems } = useFormAttention();
  return (
    <form
      ref={attachForm}
      onSubmit={(e) => (e.preventDefault(), void form.save().finally(pointAtProblems))}
      noValidate
      data-testid="settings-form"
    >
      <Stack>
        <RestartNotice />
        <StorageFields form={form} />
        <NetworkFields form={form} settings={settings} />
        <BehaviourFields form={form} />
        {form.general && (
          <Text c="red" size="sm" role="alert">
            {form.general}
          </Text>
        )}
        <SaveBar form={form} problems={problems} />
      </Stack>
    </form>
  );
}

/**
 * Sticky while there are changes, so Save is in reach from any field of a form taller than a
 * laptop screen; otherwise it stays in place and covers nothing.
 */
function SaveBar({ form, problems }: { form: Form; problems: string[] }) {
  return (
    <Paper
      withBorder
      p="sm"
      pos={form.changed ? 'sticky' : 'static'}
      bottom={8}
      style={{ zIndex: 2 }}
      shadow={form.changed ? 'md' : undefined}
    >
      <Group justify="space-between">
        {problems.length && form.changed ? (
          <FormProblems problems={problems} />
        ) : (
          <Text size="sm" c="dimmed" aria-live="polite">
            {form.changed ? 'You have unsaved changes.' : 'All changes saved.'}
          </Text>
        )}
        <Group gap="sm">
          <Button variant="default" onClick={form.reset} disabled={!form.changed || form.saving}>
            Discard changes
          </Button>
          <Button type="submit" loading={form.saving} disabled={!form.changed} data-testid="save-settings">
            Save settings
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

function StorageFields({ form }: { form: Form }) {
  return (
    <Fieldset legend="SteamCMD and files">
      <Stack>
        <Stack gap={6}>
          <TextInput
            label="SteamCMD path"
            description="SteamCMD is Valve's command-line tool that downloads and updates the ARK server from Steam; this is where its executable is."
            placeholder="Not set"
            value={String(form.value('steamcmdPath'))}
            onChange={(e) => form.set('steamcmdPath')(e.currentTarget.value)}
            error={form.error('steamcmdPath')}
            inputContainer={withBrowse({
              title: 'Choose the folder that holds steamcmd.exe',
              what: 'the SteamCMD folder',
              onPick: (dir) => form.set('steamcmdPath')(steamcmdIn(dir)),
            })}
            classNames={{ input: 'mono' }}
            data-testid="steamcmd-path"
          />
          <SteamcmdInstall />
        </Stack>
        <TextInput
          label="Data root"
          description="The folder for server builds, servers (saves, config, logs) and backups: large files, about 14 GiB per build. A change applies to new builds and servers only; existing ones stay where they are."
          value={String(form.value('dataRoot'))}
          onChange={(e) => form.set('dataRoot')(e.currentTarget.value)}
          error={form.error('dataRoot')}
          inputContainer={withBrowse({
            title: 'Choose the data root',
            what: 'the data root folder',
            defaultPath: String(form.value('dataRoot')),
            onPick: form.set('dataRoot'),
          })}
          classNames={{ input: 'mono' }}
          data-testid="data-root"
        />
        <DataRootWarnings dataRoot={String(form.value('dataRoot'))} />
      </Stack>
    </Fieldset>
  );
}

/** The exposure in force after the next start, where the user looks before changing it. */
function ExposureLegend({ bindHost }: { bindHost: string }) {
  const local = isLoopback(bindHost);
  return (
    <Group gap="xs" component="span">
      Network exposure
      <Badge size="sm" variant="light" color={local ? 'teal' : 'amber'} component="span">
        {local ? 'This PC only' : 'Open to the network'}
      </Badge>
    </Group>
  );
}

function NetworkFields({ form, settings }: { form: Form; settings: ManagerSettings }) {
  return (
    <Fieldset legend={<ExposureLegend bindHost={settings.bindHost} />}>
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Autocomplete
            label="Bind address"
            description="127.0.0.1: only this PC reaches the manager. 0.0.0.0: every device on your network can, so an access token is required. Applies at the next start."
            data={BIND_OPTIONS}
            value={String(form.value('bindHost'))}
            onChange={form.set('bindHost')}
            error={form.error('bindHost')}
            classNames={{ input: 'mono' }}
            data-testid="bind-host"
          />
          <NumberField
            form={form}
            field="port"
            label="Port"
            min={1}
            max={65535}
            description={portDescription(settings.port)}
          />
        </SimpleGrid>
        <AccessTokenField
          stored={settings.accessToken !== null}
          edit={form.token}
          onEdit={form.editToken}
          error={form.error('accessToken')}
        />
      </Stack>
    </Fieldset>
  );
}

function BehaviourFields({ form }: { form: Form }) {
  return (
    <Fieldset legend="Servers and jobs">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <NumberField
          form={form}
          field="heartbeatIntervalSec"
          label="Heartbeat interval (seconds)"
          min={1}
          max={3600}
          description="How often the manager samples CPU, memory, disk and players; shorter is livelier, longer is lighter."
        />
        <NumberField
          form={form}
          field="jobConcurrency"
          label="Jobs at the same time"
          min={1}
          max={16}
          description="How many jobs (installs, backups, starts) run at once; the others wait their turn. Jobs of one server always run one by one."
        />
        <NumberField
          form={form}
          field="crashRestartMaxAttempts"
          label="Crash restarts allowed"
          min={0}
          max={20}
          description="A crashed server is restarted automatically at most this many times within the window below, then left stopped so it cannot crash-loop. 0 turns it off."
        />
        <NumberField
          form={form}
          field="crashRestartWindowMinutes"
          label="Crash window (minutes)"
          min={1}
          max={1440}
          description="The span over which crash restarts are counted."
        />
        <NumberField
          form={form}
          field="logRetentionLines"
          label="Log lines kept per server"
          min={100}
          max={100000}
          step={1000}
          description="Older console and manager log lines are dropped beyond this count."
        />
        <NumberField
          form={form}
          field="steamcmdStallTimeoutSec"
          label="SteamCMD stall limit (seconds)"
          min={60}
          max={86400}
          step={60}
          description="A SteamCMD that prints nothing and whose download does not grow for this long is stopped and the install fails with an explanation. Raise it for a slow disk or a long validate."
        />
        <NumberField
          form={form}
          field="wsMaxClients"
          label="Live connections allowed"
          min={1}
          max={10000}
          description="Browser tabs and scripts that may follow the live event stream at once; more are refused until one closes."
        />
        <NumberField
          form={form}
          field="wsMaxClientsPerAddress"
          label="Live connections per address"
          min={1}
          max={1000}
          description="The same limit for one computer (one IP address), so one runaway script cannot take them all."
        />
      </SimpleGrid>
    </Fieldset>
  );
}

interface NumberFieldProps {
  form: Form;
  field: NumberField;
  label: string;
  description: string;
  min: number;
  max: number;
  step?: number;
}

function NumberField({ form, field, label, description, min, max, step }: NumberFieldProps) {
  return (
    <NumberInput
      label={label}
      description={description}
      value={form.value(field)}
      onChange={form.set(field)}
      error={form.error(field)}
      min={min}
      max={max}
      step={step}
      allowDecimal={false}
      thousandSeparator={field === 'logRetentionLines' ? ',' : undefined}
      data-testid={`setting-${field}`}
    />
  );
}
