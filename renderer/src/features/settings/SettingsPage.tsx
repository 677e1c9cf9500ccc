import { Alert, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useSettings } from '../../api/queries.ts';
import { DiagnosticsCard } from './DiagnosticsCard.tsx';
import { LinuxRunnerCard } from './LinuxRunnerCard.tsx';
import { PrereqsCard } from './PrereqsCard.tsx';
import { ManagerSettingsForm } from './ManagerSettingsForm.tsx';
import { CurseForgeKeySection } from '../mods/CurseForgeKeySection.tsx';
import { DesktopAppCard } from '../desktop/DesktopAppCard.tsx';

export function SettingsPage() {
  const settings = useSettings();
  return (
    <Stack maw={1000}>
      <div>
        <Title order={2}>Settings</Title>
        <Text c="dimmed" size="sm">
          How the manager downloads the server, where it keeps files, who may reach it, and how it runs jobs. These
          apply to every server.
        </Text>
      </div>
      {settings.error && (
        <Alert color="red" title="Could not load the settings">
          {settings.error.message}
        </Alert>
      )}
      {settings.isLoading ? <Skeleton h={480} /> : settings.data && <ManagerSettingsForm settings={settings.data} />}
      {settings.data && <LinuxRunnerCard settings={settings.data} />}
      <CurseForgeKeySection />
      <PrereqsCard />
      <DiagnosticsCard />
      <DesktopAppCard />
    </Stack>
  );
}
