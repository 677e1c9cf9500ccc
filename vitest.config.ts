import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'app/**/*.test.ts',
      'sim/**/*.test.ts',
      'main/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
    ],
    // Real child processes, sockets and SQLite files: forks isolate native handles between files.
    pool: 'forks',
    // Most of a test's time is spent waiting on child processes, sockets and simulated servers, so
    // more workers than cores overlap those waits: on 2 cores the suite took about 540 s with
    // vitest's default (one worker) and about 270 s with four. Suites that kill and restart the
    // manager wait with generous timeouts, since four workers slow every process start.
    maxWorkers: 4,
    // A worker runs its files one after another in one process, keeping the modules it has loaded:
    // re-importing express, zod's contracts, React and Mantine for every file was a third of the
    // suite's CPU time (about 510 s against 340 s). Files share the process but not the state they
    // set up: each file's timers, stubbed globals and environment variables are put back after it
    // (test/setup-dom.ts), and every file already uses its own data dirs, ports and processes.
    isolate: false,
    // Builds the steamcmd / ArkAscendedServer.exe simulator executable once, before the forks start.
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-dom.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    coverage: { provider: 'v8', include: ['app/**/*.ts', 'main/**/*.ts', 'renderer/**/*.{ts,tsx}'] },
  },
});
