import { afterAll, vi } from 'vitest';
import { livePlanes } from './helpers/live-planes.ts';

// Component tests run in jsdom beside suites that start real processes; with four workers on two
// cores, testing-library's default 1 s for findBy/waitFor is too short. Node-environment test files
// skip this (no window), so they do not load testing-library at all.
if ('window' in globalThis) {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 10_000 });
  // Mantine keeps its toasts in one module-wide store, which the next file of the worker would see.
  const { notifications } = await import('@mantine/notifications');
  afterAll(() => notifications.clean());
}

// Files run one after another in a worker's process (vitest.config.ts, `isolate: false`): what a
// file changed of the process is put back when it ends, so the next file starts as if alone.
afterAll(async () => {
  const left = await livePlanes.stopLeftovers();
  if (left) console.warn(`${left} control plane(s) were still running when the file ended; stopped them`);
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});
