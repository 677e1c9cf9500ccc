import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  NavLink,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { ConnectionIndicator } from '../components/ConnectionIndicator.tsx';
import { Logo } from '../components/Logo.tsx';
import { useInstances } from '../api/queries.ts';
import { StatusDot } from '../components/StatusDot.tsx';
import { UpdateBanner } from '../features/desktop/UpdateBanner.tsx';
import { DiskBanner } from '../components/DiskBanner.tsx';

/** Also the toasts' width budget (App.tsx): they sit over the navigation's empty end. */
export const NAV_WIDTH = 230;

const NAV = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/builds', label: 'Server builds' },
  { to: '/clusters', label: 'Clusters' },
  { to: '/hosts', label: 'Hosts' },
  { to: '/jobs', label: 'Jobs' },
  { to: '/notifications', label: 'Notifications' },
  { to: '/settings', label: 'Settings' },
];

function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('dark');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to the ${next} theme`}>
      <ActionIcon
        variant="default"
        size="lg"
        aria-label={`Switch to the ${next} theme`}
        onClick={() => setColorScheme(next)}
      >
        {scheme === 'dark' ? '☀' : '☾'}
      </ActionIcon>
    </Tooltip>
  );
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const instances = useInstances();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: NAV_WIDTH, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Logo />
          </Group>
          <Group gap="sm">
            <ConnectionIndicator />
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {NAV.map((item) => (
          <NavLink
            key={item.to}
            component={RouterLink}
            to={item.to}
            end={item.end}
            label={item.label}
            active={item.end ? pathname === item.to : pathname.startsWith(item.to)}
            onClick={close}
          />
        ))}
        <NavLink label="Servers" childrenOffset={12} defaultOpened opened>
          {(instances.data ?? []).map((i) => (
            <NavLink
              key={i.id}
              component={RouterLink}
              to={`/instances/${i.id}`}
              label={i.name}
              leftSection={<StatusDot status={i.status} />}
              active={pathname.startsWith(`/instances/${i.id}`)}
              onClick={close}
            />
          ))}
          <NavLink
            component={RouterLink}
            to="/instances/new"
            label="+ New server"
            active={pathname === '/instances/new'}
            onClick={close}
          />
        </NavLink>
      </AppShell.Navbar>
      <AppShell.Main>
        <DiskBanner />
        <UpdateBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
