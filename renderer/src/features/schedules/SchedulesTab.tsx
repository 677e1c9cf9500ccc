import {
  Alert,
  Button,
  Card,
  EmptyState,
  Group,
  Loader,
  Modal,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Instance, Schedule } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useAction } from '../../components/use-action.ts';
import { useNow } from '../../components/use-now.ts';
import { ScheduleForm } from './ScheduleForm.tsx';
import { ScheduleRow } from './ScheduleRow.tsx';
import { scheduleKeys, useSchedules } from './use-schedules.ts';

type Editing = { schedule: Schedule | null } | null;

/** The instance's schedules: restarts, updates, backups, broadcasts and RCON commands on cron. */
export function SchedulesTab({ instance }: { instance: Instance }) {
  const qc = useQueryClient();
  const schedules = useSchedules(instance.id);
  const [editing, setEditing] = useState<Editing>(null);
  const now = useNow(15_000);
  const refresh = () => void qc.invalidateQueries({ queryKey: scheduleKeys.list(instance.id) });
  const toggle = useAction(
    (s: Schedule, enabled: boolean) =>
      call('updateSchedule', { params: { id: instance.id, scheduleId: s.id }, body: { enabled } }),
    {
      success: (s) => (s.enabled ? 'Schedule enabled' : 'Schedule disabled'),
    },
  );
  const remove = useAction((s: Schedule) => call('deleteSchedule', { params: { id: instance.id, scheduleId: s.id } }), {
    success: () => 'Schedule deleted',
  });
  const list = schedules.data ?? [];
  return (
    <Card maw={1200}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Title order={5}>Schedules</Title>
          <Text size="xs" c="dimmed">
            Run in each schedule’s time zone. A run the manager was not around for (off, asleep) is reported as missed,
            never fired late.
          </Text>
        </div>
        <Button onClick={() => setEditing({ schedule: null })}>New schedule</Button>
      </Group>
      {schedules.isLoading ? (
        <Loader size="sm" />
      ) : schedules.error ? (
        <Alert color="red" title="Could not load the schedules">
          {schedules.error.message}
        </Alert>
      ) : list.length === 0 ? (
        <EmptyState
          size="sm"
          title="No schedules yet"
          description="“New schedule” has templates for a daily restart, backups every 2 hours and automatic updates."
        />
      ) : (
        <Table.ScrollContainer minWidth={960} type="native">
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={130}>Action</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th w={180}>Next run</Table.Th>
                <Table.Th w={205}>Last run</Table.Th>
                <Table.Th w={75}>Enabled</Table.Th>
                <Table.Th w={165}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((s) => (
                <ScheduleRow
                  key={s.id}
                  schedule={s}
                  now={now}
                  toggling={toggle.isPending && toggle.variables[0].id === s.id}
                  onToggle={(enabled) => toggle.mutate([s, enabled], { onSettled: refresh })}
                  onEdit={() => setEditing({ schedule: s })}
                  onDelete={() => remove.mutate([s], { onSettled: refresh })}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.schedule ? 'Edit schedule' : 'New schedule'}
        size="lg"
      >
        {editing && (
          <ScheduleForm instanceId={instance.id} schedule={editing.schedule} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Card>
  );
}
