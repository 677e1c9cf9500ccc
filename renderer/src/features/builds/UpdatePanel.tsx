import { Badge, Button, Card, Checkbox, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BuildList } from '@ark-asa/contracts';
import { call } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { ago, time } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { isActive } from '../jobs/job-look.ts';
import { JobOutcome } from '../jobs/JobOutcome.tsx';
import { useLatestJob, useLiveStatus, type JobHost } from '../jobs/use-live-job.ts';
import { settingsHint } from './SteamcmdHint.tsx';
import { downloadOffer, newestBuildId, updateText } from './update-available.ts';

/** The build Steam serves (newer or rolled back), and the two jobs that ask for it (check) and fetch it (install). */
export function UpdatePanel({
  builds,
  agentId,
  jobHost,
}: {
  builds: BuildList;
  /** The remote host whose cache this is; undefined for this PC. */
  agentId?: string;
  /** The host whose jobs to show; undefined when there is only this PC. */
  jobHost?: JobHost;
}) {
  const qc = useQueryClient();
  // Events announce new jobs too; refreshing here keeps the page right when the stream is down.
  const refresh = () => void qc.invalidateQueries({ queryKey: keys.allJobs });
  const installed = newestBuildId(builds);
  // Steam's build is the one to have, newer or rolled back, as long as the cache lacks it.
  const offered = downloadOffer(builds);
  const available = !!offered;
  return (
    <Card
      data-testid="build-updates"
      style={available ? { borderLeft: '4px solid var(--mantine-primary-color-filled)' } : undefined}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text size="xs" c="dimmed">
              Build Steam serves
            </Text>
            <Group gap="xs">
              <Text ff="monospace" fz={22} fw={700} data-testid="latest-build">
                {builds.latestBuildId ?? 'unknown'}
              </Text>
              {offered && installed && (
                <Badge
                  color={offered.direction === 'rollback' ? 'orange' : 'amber'}
                  data-testid="update-available"
                  data-direction={offered.direction}
                >
                  {updateText(offered)}
                </Badge>
              )}
              {!available && installed && builds.latestBuildId && (
                <Badge color="teal" variant="light">
                  Up to date
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed" title={time(builds.latestCheckedAt)}>
              {builds.latestCheckedAt ? `Checked ${ago(builds.latestCheckedAt)}` : 'Not checked yet'}
              {installed ? ` · newest installed: ${installed}` : ' · nothing installed yet'}
            </Text>
          </div>
          <CheckButton onStarted={refresh} agentId={agentId} jobHost={jobHost} />
        </Group>
        <InstallRow
          hasBuild={!!installed}
          updateAvailable={available}
          onStarted={refresh}
          agentId={agentId}
          jobHost={jobHost}
        />
      </Stack>
    </Card>
  );
}

function CheckButton({
  onStarted,
  agentId,
  jobHost,
}: {
  onStarted: () => void;
  agentId: string | undefined;
  jobHost: JobHost | undefined;
}) {
  const job = useLatestJob('CHECK_LATEST_BUILD', jobHost);
  const status = useLiveStatus(job);
  // The host's own record of what Steam serves is what its install compares with: ask it there.
  const check = useAction(() => call('checkLatestBuild', { body: agentId ? { agentId } : {} }));
  const busy = !!status && isActive(status);
  return (
    <Stack gap={6} w={280} align="stretch">
      <Button
        variant="default"
        loading={check.isPending || busy}
        onClick={() => check.mutate([], { onSuccess: onStarted })}
        data-testid="check-updates"
      >
        Check for updates
      </Button>
      <JobOutcome job={job} label="Update check" />
    </Stack>
  );
}

function InstallRow({
  hasBuild,
  updateAvailable,
  onStarted,
  agentId,
  jobHost,
}: {
  hasBuild: boolean;
  updateAvailable: boolean;
  onStarted: () => void;
  agentId: string | undefined;
  jobHost: JobHost | undefined;
}) {
  const [validate, setValidate] = useState(false);
  const job = useLatestJob('INSTALL_BUILD', jobHost);
  const status = useLiveStatus(job);
  const busy = !!status && isActive(status);
  const install = useAction(() => call('installBuild', { body: { validate, ...(agentId && { agentId }) } }));
  const label = !hasBuild
    ? 'Install the server'
    : updateAvailable
      ? 'Update the server'
      : 'Install / update the server';
  return (
    <Stack gap="xs">
      <Group gap="lg">
        <Tooltip label="An install is already running" disabled={!busy}>
          <Button
            loading={install.isPending}
            data-disabled={busy || undefined}
            aria-disabled={busy}
            onClick={() => !busy && install.mutate([], { onSuccess: onStarted })}
            data-testid="install-build"
          >
            {label}
          </Button>
        </Tooltip>
        <Checkbox
          label="Verify all files"
          description="Checks every file against Steam: slower, repairs a damaged install"
          checked={validate}
          onChange={(e) => setValidate(e.currentTarget.checked)}
          data-testid="validate-build"
        />
      </Group>
      <Text size="xs" c="dimmed">
        Downloads the build Steam serves with SteamCMD (about 12 GiB the first time; updates fetch only what changed).
        Running servers keep their build until you switch them.
      </Text>
      <JobOutcome job={job} label="Server install" failureHint={settingsHint} />
    </Stack>
  );
}
