import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Instance, Job } from '@ark-asa/contracts';
import { JOB_LABEL } from '../../api/live-bridge.ts';
import { JobProgress } from '../../components/JobProgress.tsx';

export function ActiveJobsPanel({ jobs, instances }: { jobs: Job[]; instances: Instance[] }) {
  const name = (id: string | null) => instances.find((i) => i.id === id)?.name;
  return (
    <Card>
      <Title order={4} mb="sm">
        Running jobs
      </Title>
      {jobs.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing is running.{' '}
          <Anchor component={Link} to="/jobs">
            All jobs
          </Anchor>
        </Text>
      ) : (
        <Stack gap="sm">
          {jobs.map((j) => (
            <JobProgress
              key={j.id}
              jobId={j.id}
              label={`${JOB_LABEL[j.type]}${name(j.instanceId) ? ` · ${name(j.instanceId)}` : ''}`}
              fallbackMessage={j.status === 'PENDING' ? 'Waiting for its turn…' : 'Working…'}
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}
