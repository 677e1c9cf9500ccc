// Component tests run in jsdom beside suites that start real processes; with four workers on two
// cores, testing-library's default 1 s for findBy/waitFor is too short. Node-environment test files
// skip this (no window), so they do not load testing-library at all.
if ('window' in globalThis) {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 10_000 });
}

export {};
