import { Fieldset, Group, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { normaliseWarnings, usesField, type ScheduleDraft } from './schedule-draft.ts';
import { warningPreview } from './schedule-format.ts';

interface ActionFieldsProps {
  draft: ScheduleDraft;
  set: <K extends keyof ScheduleDraft>(key: K, value: ScheduleDraft[K]) => void;
  /** The message for a field by its API path ("updateWindow.end"). */
  err: (field: string) => string | undefined;
}

/** The fields that depend on the action: only those the action uses are shown (and sent). */
export function ScheduleActionFields({ draft: d, set, err }: ActionFieldsProps) {
  const countdown = usesField(d.action, 'warningMinutes');
  return (
    <>
      {countdown && <WarningsField draft={d} set={set} err={err} />}
      {usesField(d.action, 'message') && (
        <TextInput
          label={d.action === 'BROADCAST' ? 'Message' : 'Reason or warning text (optional)'}
          description={
            d.action === 'BROADCAST'
              ? 'Shown to everyone in game'
              : 'A reason is added to the default warning; text with {minutes} or {time} replaces it'
          }
          required={d.action === 'BROADCAST'}
          placeholder={d.action === 'BROADCAST' ? 'e.g. Join our Discord!' : 'e.g. daily restart'}
          maxLength={200}
          value={d.message}
          onChange={(e) => set('message', e.currentTarget.value)}
          error={err('message')}
        />
      )}
      {usesField(d.action, 'command') && (
        <TextInput
          label="RCON command"
          description="Sent as typed, e.g. SaveWorld or DestroyWildDinos"
          required
          classNames={{ input: 'mono' }}
          maxLength={500}
          value={d.command}
          onChange={(e) => set('command', e.currentTarget.value)}
          error={err('command')}
          spellCheck={false}
          autoComplete="off"
        />
      )}
      {usesField(d.action, 'updateWindow') && <WindowFields draft={d} set={set} err={err} />}
      <Switch
        label="Only when nobody is online"
        description="While players are on, the run is skipped (and shown as skipped) instead of interrupting them"
        checked={d.onlyWhenEmpty}
        onChange={(e) => set('onlyWhenEmpty', e.currentTarget.checked)}
        error={err('onlyWhenEmpty')}
      />
    </>
  );
}

function WarningsField({ draft: d, set, err }: ActionFieldsProps) {
  const [rejected, setRejected] = useState<string | null>(null);
  const change = (values: string[]) => {
    const kept = normaliseWarnings(values);
    const bad = values.find((v) => !kept.includes(Number(v.trim())));
    setRejected(bad === undefined ? null : `“${bad}” is not a number of minutes from 1 to 120`);
    set('warningMinutes', kept);
  };
  const first = d.warningMinutes[0];
  return (
    <div>
      <TagsInput
        label="Warn players (minutes before)"
        description="Type a number and press Enter; sorted largest first. None: the server goes down at once, without warning."
        splitChars={[',', ' ']}
        value={d.warningMinutes.map(String)}
        onChange={change}
        error={rejected ?? err('warningMinutes')}
        clearable
      />
      <Text size="xs" c="dimmed" mt={4} data-testid="warning-preview">
        {first === undefined
          ? 'No warning is sent.'
          : `Players read, e.g.: “${warningPreview(d.action, first, d.message)}”`}
      </Text>
    </div>
  );
}

function WindowFields({ draft: d, set, err }: ActionFieldsProps) {
  return (
    <Fieldset legend="Update window" variant="filled">
      <Text size="xs" c="dimmed" mb="xs">
        A new build is downloaded whenever it is found, while the server keeps running; the switch (countdown, stop,
        update, start) happens only between these times and <b>never restarts the server outside this window</b>. Read
        in the schedule’s time zone; 22:00–02:00 wraps midnight. Leave both empty to switch at any time.
      </Text>
      <Group grow align="flex-start">
        <TextInput
          type="time"
          label="From"
          value={d.windowStart}
          onChange={(e) => set('windowStart', e.currentTarget.value)}
          error={err('updateWindow.start') ?? err('updateWindow')}
        />
        <TextInput
          type="time"
          label="Until"
          value={d.windowEnd}
          onChange={(e) => set('windowEnd', e.currentTarget.value)}
          error={err('updateWindow.end')}
        />
      </Group>
    </Fieldset>
  );
}
