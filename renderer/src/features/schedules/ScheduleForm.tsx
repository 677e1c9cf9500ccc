import { Button, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ScheduleAction, type Schedule } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { FormProblems, useFormAttention } from '../../components/form-attention.tsx';
import { CronBuilder } from './CronBuilder.tsx';
import { ScheduleActionFields } from './ScheduleActionFields.tsx';
import { draftFromSchedule, draftToBody, emptyDraft, localErrors, type ScheduleDraft } from './schedule-draft.ts';
import { ACTION_LOOK, browserTimeZone, timeZones } from './schedule-format.ts';
import { ScheduleTemplates } from './ScheduleTemplates.tsx';
import { scheduleKeys } from './use-schedules.ts';

/** Fields the form shows a message at; an API message for any other field is shown above the buttons. */
const SHOWN = [
  'action',
  'cron',
  'timezone',
  'enabled',
  'message',
  'command',
  'warningMinutes',
  'onlyWhenEmpty',
  'updateWindow',
  'updateWindow.start',
  'updateWindow.end',
];

/** Messages by field path; one number of a list ("warningMinutes.2") belongs to the list's field. */
function messages(server: ApiError | null, local: Record<string, string>): Record<string, string> {
  const all: Record<string, string> = { ...local };
  for (const f of server?.fields ?? []) all[f.field] = f.message;
  for (const [k, v] of Object.entries(all)) if (k.startsWith('warningMinutes.')) all.warningMinutes ??= v;
  return all;
}

/** Creates a schedule or edits one; the browser checks what it can, the server's 400 lands at the fields. */
export function ScheduleForm({
  instanceId,
  schedule,
  onDone,
}: {
  instanceId: string;
  schedule: Schedule | null;
  onDone: () => void;
}) {
  const qc = useQueryClient();
  const [d, setD] = useState<ScheduleDraft>(() =>
    schedule ? draftFromSchedule(schedule) : emptyDraft(browserTimeZone()),
  );
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const { attach: attachForm, problems, check: pointAtProblems } = useFormAttention();
  const msgs = messages(serverError, submitted ? localErrors(d) : {});
  const err = (field: string) => msgs[field];
  const set = <K extends keyof ScheduleDraft>(key: K, value: ScheduleDraft[K]) =>
    setD((old) => ({ ...old, [key]: value }));
  const general =
    serverError && !serverError.fields.some((f) => SHOWN.includes(f.field) || f.field.startsWith('warningMinutes.'))
      ? serverError.message
      : null;

  const submit = async () => {
    setSubmitted(true);
    setServerError(null);
    if (Object.keys(localErrors(d)).length) return pointAtProblems();
    setSaving(true);
    try {
      const body = draftToBody(d);
      if (schedule) await call('updateSchedule', { params: { id: instanceId, scheduleId: schedule.id }, body });
      else await call('createSchedule', { params: { id: instanceId }, body });
      await qc.invalidateQueries({ queryKey: scheduleKeys.list(instanceId) });
      notifications.show({ message: schedule ? 'Schedule saved' : 'Schedule created', color: 'teal', autoClose: 3000 });
      onDone();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setServerError(e);
      pointAtProblems();
    } finally {
      setSaving(false);
    }
  };

  return (
    <form ref={attachForm} onSubmit={(e) => (e.preventDefault(), void submit())} noValidate data-testid="schedule-form">
      <Stack gap="md">
        {!schedule && (
          <ScheduleTemplates
            onPick={(t) => (setD((old) => ({ ...old, ...t })), setSubmitted(false), setServerError(null))}
          />
        )}
        <Select
          label="Action"
          description={ACTION_LOOK[d.action].hint}
          data={ScheduleAction.options.map((a) => ({ value: a, label: ACTION_LOOK[a].label }))}
          value={d.action}
          onChange={(v) => v && set('action', v)}
          allowDeselect={false}
          error={err('action')}
          data-autofocus
        />
        <CronBuilder cron={d.cron} timeZone={d.timezone} onChange={(cron) => set('cron', cron)} error={err('cron')} />
        <Select
          label="Time zone"
          description="The times above, and the update window, are read in this zone"
          searchable
          data={timeZones(d.timezone)}
          value={d.timezone}
          onChange={(v) => v && set('timezone', v)}
          allowDeselect={false}
          error={err('timezone')}
          limit={200}
        />
        <ScheduleActionFields draft={d} set={set} err={err} />
        <Switch
          label="Enabled"
          description="A disabled schedule keeps its settings but never runs"
          checked={d.enabled}
          onChange={(e) => set('enabled', e.currentTarget.checked)}
        />
        {general && (
          <Text c="red" size="sm" role="alert">
            {general}
          </Text>
        )}
        <Group justify="flex-end">
          <FormProblems problems={problems} />
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={saving} data-testid="schedule-save">
            {schedule ? 'Save changes' : 'Create schedule'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
