import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMemo } from 'react';
import type { Instance, Job } from '@ark-asa/contracts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { describeJob, jobNames } from '../jobs/job-words.ts';

export function ActiveJobsPanel({ jobs, instances }: { jobs: Job[]; instances: Instance[] }) {
  // The dashboard passes [] while its list loads: no name is known then, none is "deleted".
  const names = useMemo(() => jobNames(instances.length ? instances : undefined), [instances]);
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
              label={describeJob(j, names)}
              fallbackMessage={j.status === 'PENDING' ? 'Waiting for its turn…' : 'Working…'}
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}
