import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const PRETTIER = path.join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs');

/**
 * The repository is formatted with its own Prettier configuration (`npm run format` fixes it). A
 * test, not only `npm run lint`, so the README's test command and CI enforce it too.
 */
describe('formatting', () => {
  it('every file follows the repository’s Prettier configuration', () => {
    const run = spawnSync(process.execPath, [PRETTIER, '--list-different', '.'], { cwd: ROOT, encoding: 'utf8' });
    const unformatted = run.stdout.split('\n').filter(Boolean);
    expect(unformatted, `run "npm run format"; stderr: ${run.stderr}`).toEqual([]);
    expect(run.status).toBe(0);
  }, 120_000);
});
