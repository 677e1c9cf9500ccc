import { Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { useAction } from '../../components/use-action.ts';
import { useHost } from '../builds/use-host.ts';
import { isActive } from '../jobs/job-look.ts';
import { JobOutcome } from '../jobs/JobOutcome.tsx';
import { useLatestJob, useLiveStatus } from '../jobs/use-live-job.ts';

/** On Windows the manager downloads Valve's steamcmd.zip itself; elsewhere the user installs it. */
export function SteamcmdInstall() {
  const host = useHost();
  const qc = useQueryClient();
  const job = useLatestJob('INSTALL_STEAMCMD');
  const status = useLiveStatus(job);
  const install = useAction(() => call('installSteamcmd', { body: {} }));
  if (!host.loaded) return null;
  if (!host.isWindows) {
    return (
      <Text size="xs" c="dimmed">
        {host.platform === 'linux' ? 'On Linux' : 'On this system'}, install SteamCMD yourself (e.g. the steamcmd
        package, or Valve's steamcmd_linux.tar.gz) and enter the path of steamcmd.sh or steamcmd here.
      </Text>
    );
  }
  const busy = !!status && isActive(status);
  return (
    <Stack gap={6}>
      <Group gap="sm">
        <Button
          size="xs"
          variant="light"
          loading={install.isPending || busy}
          onClick={() => install.mutate([], { onSuccess: () => void qc.invalidateQueries({ queryKey: keys.allJobs }) })}
          data-testid="install-steamcmd"
        >
          {host.steamcmdSet ? 'Reinstall SteamCMD' : 'Install SteamCMD for me'}
        </Button>
        <Text size="xs" c="dimmed">
          Downloads Valve's SteamCMD into the data root and sets the path.
        </Text>
      </Group>
      <JobOutcome job={job} label="SteamCMD install" />
    </Stack>
  );
}
