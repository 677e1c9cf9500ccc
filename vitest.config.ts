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
    // Builds the steamcmd / ArkAscendedServer.exe simulator executable once, before the forks start.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    coverage: { provider: 'v8', include: ['app/**/*.ts', 'main/**/*.ts', 'renderer/**/*.{ts,tsx}'] },
  },
});
