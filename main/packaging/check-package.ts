/**
 * Checks an unpacked build from electron-builder (the real Windows one in CI, after `--win`):
 *   npx tsx main/packaging/check-package.ts release/win-unpacked
 * Exit code 1 and one line per problem when the app would not start or ship as intended.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkFuses, inspectResources } from './inspect-package.ts';

/** Executable names electron-builder gives the app: productName.exe on Windows, the package name on Linux. */
const EXECUTABLES = ['ARK ASA Server Manager.exe', 'ark-asa-server-manager'];

export function checkAppOutDir(appOutDir: string): string[] {
  const report = inspectResources(path.join(appOutDir, 'resources'));
  const executable = EXECUTABLES.map((name) => path.join(appOutDir, name)).find((p) => fs.existsSync(p));
  const fuses = executable ? checkFuses(executable) : [`no app executable in ${appOutDir}`];
  return [...report.problems, ...fuses];
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: check-package.ts <unpacked app dir, e.g. release/win-unpacked>');
    process.exit(2);
  }
  const problems = checkAppOutDir(path.resolve(dir));
  for (const p of problems) console.error(`✗ ${p}`);
  if (problems.length) process.exit(1);
  console.warn(`✓ ${dir}: main, preload, renderer and contracts in app.asar; better-sqlite3 unpacked; fuses set`);
}
