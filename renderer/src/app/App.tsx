import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { getToken, onTokenChange } from '../api/auth.ts';
import { EventClient } from '../api/event-client.ts';
import { ApiError } from '../api/http.ts';
import { bridgeEvents } from '../api/live-bridge.ts';
import { AuthGate } from './AuthGate.tsx';
import { AppLayout, NAV_WIDTH } from './AppLayout.tsx';
import { EventsContext } from './live.tsx';
import { theme } from './theme.ts';
// Each page is its own chunk, loaded on first visit (lazy-pages.tsx): the dashboard paints first.
import {
  BuildsPage,
  ClustersPage,
  CreateInstancePage,
  Dashboard,
  HostsPage,
  ImportServerPage,
  InstancePage,
  JobsPage,
  NotificationsPage,
  SettingsPage,
} from './lazy-pages.tsx';
import { NotFound } from './NotFound.tsx';

function wsUrl(): string {
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = getToken();
  return `${proto}://${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** Toasts stand 16 px off the left edge; this keeps them within the navigation. */
const TOAST_WIDTH = NAV_WIDTH - 2 * 16;

const toast = {
  success: (title: string, message: string) => notifications.show({ title, message, color: 'teal', autoClose: 4000 }),
  error: (title: string, message: string) => notifications.show({ title, message, color: 'red', autoClose: 9000 }),
};

function useLiveClients() {
  const [qc] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 30_000,
            retry: (n, err) => !(err instanceof ApiError && err.status < 500 && err.status !== 0) && n < 2,
          },
        },
      }),
  );
  const [events] = useState(() => new EventClient({ url: wsUrl, log: console }));
  useEffect(() => {
    const off = bridgeEvents(events, qc, toast);
    const offToken = onTokenChange(() => {
      events.reconnectNow();
      void qc.invalidateQueries();
    });
    events.connect();
    return () => {
      off();
      offToken();
      events.close();
    };
  }, [events, qc]);
  return { qc, events };
}

export function App() {
  const { qc, events } = useLiveClients();
  return (
    <MantineProvider theme={theme} defaultColorScheme="dark">
      {/*
        Bottom left and no wider than the navigation, so toasts sit over its empty end only: wider
        ones covered the editor's status bar and table rows, top right covers the power buttons.
      */}
      <Notifications position="bottom-left" containerWidth={TOAST_WIDTH} limit={3} />
      <QueryClientProvider client={qc}>
        <EventsContext.Provider value={events}>
          <AuthGate>
            <BrowserRouter>
              <Routes>
                <Route element={<AppLayout />}>
                  <Route index element={<Dashboard />} />
                  <Route path="instances/new" element={<CreateInstancePage />} />
                  <Route path="instances/import" element={<ImportServerPage />} />
                  <Route path="instances/:id/:tab?" element={<InstancePage />} />
                  <Route path="builds" element={<BuildsPage />} />
                  <Route path="hosts" element={<HostsPage />} />
                  <Route path="jobs" element={<JobsPage />} />
                  <Route path="clusters" element={<ClustersPage />} />
                  <Route path="notifications" element={<NotificationsPage />} />
                  <Route path="settings" element={<SettingsPage />} />
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </BrowserRouter>
          </AuthGate>
        </EventsContext.Provider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
