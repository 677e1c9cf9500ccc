import { Anchor, Badge, Button, Code, Group, Switch, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import type { Schedule } from '@ark-asa/contracts';
import { ago, time } from '../../components/format.ts';
import { ConfirmButton } from '../jobs/ConfirmButton.tsx';
import { ACTION_LOOK, inZone, relative, RESULT_COLOR } from './schedule-format.ts';

export interface ScheduleRowProps {
  schedule: Schedule;
  now: number;
  toggling: boolean;
  onToggle: (enabled: boolean) => void;
  onEdit: () => void;
  onDelete: () => void;
}

/** What a schedule does beside its action: the message, command, warnings or window. */
function details(s: Schedule): string {
  const parts: string[] = [];
  if (s.warningMinutes?.length) parts.push(`warnings at ${s.warningMinutes.join(', ')} min`);
  if (s.updateWindow) parts.push(`switches only ${s.updateWindow.start}–${s.updateWindow.end}`);
  if (s.message) parts.push(`“${s.message}”`);
  if (s.command) parts.push(s.command);
  if (s.onlyWhenEmpty) parts.push('only when nobody is online');
  return parts.join(' · ');
}

export function ScheduleRow({ schedule: s, now, toggling, onToggle, onEdit, onDelete }: ScheduleRowProps) {
  const look = ACTION_LOOK[s.action];
  const extra = details(s);
  return (
    <Table.Tr data-testid="schedule-row" data-schedule-id={s.id} data-action={s.action} data-enabled={s.enabled}>
      <Table.Td>
        <Badge variant="light" color={look.color} miw="max-content">
          {s.action}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {s.description}
        </Text>
        <Group gap={6}>
          <Code>{s.cron}</Code>
          <Text size="xs" c="dimmed">
            {s.timezone}
          </Text>
        </Group>
        {extra && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {extra}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {s.nextRunAt ? (
          <>
            <Text size="sm">{relative(s.nextRunAt, now)}</Text>
            <Text size="xs" c="dimmed">
              {inZone(s.nextRunAt, s.timezone)}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {s.enabled ? 'never' : 'disabled'}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <LastRun schedule={s} now={now} />
      </Table.Td>
      <Table.Td>
        <Switch
          checked={s.enabled}
          disabled={toggling}
          onChange={(e) => onToggle(e.currentTarget.checked)}
          aria-label={`${s.enabled ? 'Disable' : 'Enable'} the ${look.label.toLowerCase()} schedule ${s.description}`}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={6} justify="flex-end" wrap="nowrap" w="max-content" ml="auto">
          <Button
            size="compact-sm"
            variant="default"
            onClick={onEdit}
            aria-label={`Edit the ${look.label.toLowerCase()} schedule ${s.description}`}
          >
            Edit
          </Button>
          <ConfirmButton
            size="compact-sm"
            label="Delete…"
            aria-label={`Delete the ${look.label.toLowerCase()} schedule ${s.description}`}
            title="Delete this schedule?"
            body={`The ${look.label.toLowerCase()} schedule “${s.description}” (${s.cron}) will no longer run. A job it already started keeps running.`}
            confirmLabel="Delete the schedule"
            onConfirm={onDelete}
          />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function LastRun({ schedule: s, now }: { schedule: Schedule; now: number }) {
  if (!s.lastRunAt)
    return (
      <Text size="sm" c="dimmed">
        not yet
      </Text>
    );
  const r = s.lastResult;
  return (
    <div data-testid="schedule-last-result" data-status={r?.status}>
      <Group gap={6} wrap="nowrap">
        <Tooltip label={time(s.lastRunAt)}>
          <Text size="sm" tabIndex={0}>
            {ago(s.lastRunAt, now)}
          </Text>
        </Tooltip>
        {r && (
          <Badge size="sm" variant="light" color={RESULT_COLOR[r.status]}>
            {r.status}
          </Badge>
        )}
      </Group>
      {r && (
        <Text size="xs" c="dimmed" lineClamp={2} title={r.reason}>
          {r.reason}
          {r.jobId && (
            <>
              {' · '}
              <Anchor component={Link} to={`/jobs?job=${r.jobId}`} size="xs">
                the job
              </Anchor>
            </>
          )}
        </Text>
      )}
    </div>
  );
}
