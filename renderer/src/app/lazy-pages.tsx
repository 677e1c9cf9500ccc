import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ComponentType } from 'react';

/** What the content area shows while a page's code loads: the navigation around it is already there. */
function PageFallback() {
  return (
    <Center py="xl" data-testid="page-loading">
      <Loader size="sm" type="dots" />
    </Center>
  );
}

/**
 * A page loaded on first visit, in a chunk of its own: the first screen then waits only for the
 * shell (React, Mantine, the layout) and its own page, not for every editor and table of the app.
 * The page module keeps its named export, so tests and other modules import it as before.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  const Lazy = lazy<ComponentType>(async () => ({ default: (await load())[name] }));
  function Page() {
    return (
      <Suspense fallback={<PageFallback />}>
        <Lazy />
      </Suspense>
    );
  }
  Page.displayName = `Lazy(${name})`;
  return Page;
}

export const Dashboard = lazyPage(() => import('../features/dashboard/Dashboard.tsx'), 'Dashboard');
export const CreateInstancePage = lazyPage(
  () => import('../features/instances/CreateInstancePage.tsx'),
  'CreateInstancePage',
);
export const ImportServerPage = lazyPage(() => import('../features/import/ImportServerPage.tsx'), 'ImportServerPage');
export const InstancePage = lazyPage(() => import('../features/instances/InstancePage.tsx'), 'InstancePage');
export const BuildsPage = lazyPage(() => import('../features/builds/BuildsPage.tsx'), 'BuildsPage');
export const HostsPage = lazyPage(() => import('../features/hosts/HostsPage.tsx'), 'HostsPage');
export const JobsPage = lazyPage(() => import('../features/jobs/JobsPage.tsx'), 'JobsPage');
export const ClustersPage = lazyPage(() => import('../features/clusters/ClustersPage.tsx'), 'ClustersPage');
export const NotificationsPage = lazyPage(
  () => import('../features/notifications/NotificationsPage.tsx'),
  'NotificationsPage',
);
export const SettingsPage = lazyPage(() => import('../features/settings/SettingsPage.tsx'), 'SettingsPage');
