import { Button, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { call } from '../../api/http.ts';
import { keys, useJob } from '../../api/queries.ts';
import { ago } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { isActive } from '../jobs/job-look.ts';
import { JobOutcome } from '../jobs/JobOutcome.tsx';
import { useLatestJob, useLiveStatus } from '../jobs/use-live-job.ts';

/** The DIAGNOSTICS job's result; the run's `result` is `unknown` in the contract, so check it. */
const DiagnosticsResult = z.object({
  ok: z.boolean(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
});

/** Disk, data root, SteamCMD and ports: what to look at first when a server will not install or start. */
export function DiagnosticsCard() {
  const qc = useQueryClient();
  const job = useLatestJob('DIAGNOSTICS');
  const status = useLiveStatus(job);
  const run = useAction(() => call('createJob', { body: { type: 'DIAGNOSTICS' } }));
  const busy = !!status && isActive(status);
  return (
    <Card data-testid="diagnostics">
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4}>Diagnostics</Title>
            <Text size="sm" c="dimmed">
              Checks the data root, free disk space, SteamCMD and the servers' ports: run it when an install or a start
              fails.
            </Text>
          </div>
          <Button
            variant="light"
            loading={run.isPending || busy}
            onClick={() => run.mutate([], { onSuccess: () => void qc.invalidateQueries({ queryKey: keys.allJobs }) })}
            data-testid="run-diagnostics"
          >
            Run diagnostics
          </Button>
        </Group>
        <JobOutcome job={job} label="Diagnostics" />
        {job && status === 'COMPLETED' && <DiagnosticsChecks jobId={job.id} />}
      </Stack>
    </Card>
  );
}

function DiagnosticsChecks({ jobId }: { jobId: string }) {
  const { data: job } = useJob(jobId);
  const run = job?.runs?.at(-1);
  const result = DiagnosticsResult.safeParse(run?.result);
  if (!run || !result.success) return null;
  const failed = result.data.checks.filter((c) => !c.ok).length;
  return (
    <Stack gap="xs" data-testid="diagnostics-result">
      <Text size="sm" fw={600} c={result.data.ok ? 'teal' : 'red'}>
        {result.data.ok ? 'Everything looks right' : `${failed} ${failed === 1 ? 'problem' : 'problems'} found`}
        <Text span size="xs" c="dimmed" fw={400}>
          {' '}
          · ran {ago(run.finishedAt)}
        </Text>
      </Text>
      <List spacing={6} size="sm" center>
        {result.data.checks.map((c, n) => (
          <List.Item
            key={`${c.name}-${n}`}
            data-ok={c.ok}
            icon={
              <ThemeIcon
                color={c.ok ? 'teal' : 'red'}
                size={20}
                radius="xl"
                aria-label={c.ok ? 'Passed' : 'Failed'}
                role="img"
              >
                <span aria-hidden="true">{c.ok ? '✓' : '✕'}</span>
              </ThemeIcon>
            }
          >
            <Text size="sm" span>
              {c.detail}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
