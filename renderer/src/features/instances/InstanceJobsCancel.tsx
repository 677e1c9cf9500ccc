import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Job } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { useAction } from '../../components/use-action.ts';
import { cancelQuestion } from './instance-jobs-format.ts';

/** Asks before cancelling a running job (a stop or restart countdown most of the time). */
export function InstanceJobsCancel({ job, label, onClose }: { job: Job; label: string; onClose: () => void }) {
  const cancel = useAction(() => call('cancelJob', { params: { id: job.id } }), {
    success: () => `${label} cancelled`,
  });
  return (
    <Modal opened onClose={onClose} title={`Cancel the ${label.toLowerCase()}?`} centered>
      <Stack>
        <Text size="sm">{cancelQuestion(job, label)}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Let it run
          </Button>
          <Button
            color="red"
            loading={cancel.isPending}
            onClick={() => cancel.mutate([], { onSuccess: onClose })}
            data-testid="job-cancel-confirm"
          >
            Cancel the {label.toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
