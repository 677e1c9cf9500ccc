import { Alert, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Job } from '@ark-asa/contracts';
import { useJob } from '../../api/queries.ts';
import { ago } from '../../components/format.ts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { useLiveStatus } from './use-live-job.ts';

export interface JobOutcomeProps {
  job: Job | undefined;
  /** What the job does, e.g. "Server install". */
  label: string;
  /** Extra guidance for a failure, by the error's code (e.g. a link to Settings). */
  failureHint?: (code: string) => ReactNode;
}

/** Live progress while a job runs; its error when it failed; nothing once it is done. */
export function JobOutcome({ job, label, failureHint }: JobOutcomeProps) {
  const status = useLiveStatus(job);
  if (!job || !status) return null;
  if (status === 'PENDING' || status === 'RUNNING') {
    return (
      <JobProgress
        jobId={job.id}
        label={label}
        fallbackMessage={status === 'PENDING' ? 'Waiting for its turn…' : 'Working…'}
      />
    );
  }
  if (status === 'FAILED') return <JobFailure job={job} label={label} failureHint={failureHint} />;
  return null;
}

function JobFailure({
  job,
  label,
  failureHint,
}: {
  job: Job;
  label: string;
  failureHint?: (code: string) => ReactNode;
}) {
  // The job says why it failed once the list is refetched; until then its last run has the error.
  const full = useJob(job.error ? null : job.id);
  const error = job.error ?? full.data?.runs?.at(-1)?.error;
  return (
    <Alert
      color="red"
      variant="light"
      title={`${label} failed ${ago(job.updatedAt)}`}
      role="alert"
      data-testid="job-failure"
    >
      <Text size="sm">{error?.message ?? (full.isLoading ? 'Loading the error…' : 'See the job for details.')}</Text>
      {error && failureHint?.(error.code)}
    </Alert>
  );
}
