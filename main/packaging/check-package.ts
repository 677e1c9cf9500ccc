/**
 * Checks an unpacked build from electron-builder (the real Windows one in CI, after `--win`):
 *   npm run check:package            (= tsx main/packaging/check-package.ts release/win-unpacked)
 * Exit code 1 and one line per problem when the app would not start or ship as intended: what
 * app.asar must hold, the native binding unpacked, the fuses, and every runtime module loading
 * from inside the package under plain Node (runtime-modules.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkFuses, inspectResources } from './inspect-package.ts';
import { checkRuntimeModules, type RuntimeModulesReport } from './runtime-modules.ts';

/** Executable names electron-builder gives the app: productName.exe on Windows, the package name on Linux. */
const EXECUTABLES: { name: string; platform: string }[] = [
  { name: 'ARK ASA Server Manager.exe', platform: 'win32' },
  { name: 'ark-asa-server-manager', platform: 'linux' },
];

export interface AppCheck {
  problems: string[];
  modules: RuntimeModulesReport;
}

export async function checkAppOutDir(appOutDir: string): Promise<AppCheck> {
  const executable = EXECUTABLES.find((e) => fs.existsSync(path.join(appOutDir, e.name)));
  const platform = executable?.platform ?? process.platform;
  const resources = path.join(appOutDir, 'resources');
  const report = inspectResources(resources, platform);
  const fuses = executable ? checkFuses(path.join(appOutDir, executable.name)) : [`no app executable in ${appOutDir}`];
  // The binding of another platform cannot load here: the module check runs where the app runs.
  const modules: RuntimeModulesReport =
    platform === process.platform
      ? await checkRuntimeModules(resources)
      : {
          specifiers: [],
          loaded: [],
          packages: 0,
          problems: [`a ${platform} app: check it on ${platform}`],
        };
  return { problems: [...new Set([...report.problems, ...fuses, ...modules.problems])], modules };
}

async function main(dir: string): Promise<void> {
  const { problems, modules } = await checkAppOutDir(path.resolve(dir));
  for (const p of problems) console.error(`✗ ${p}`);
  if (problems.length) process.exit(1);
  console.warn(
    `✓ ${dir}: main, preload, renderer and contracts in app.asar; better-sqlite3 unpacked; fuses set; ` +
      `${modules.loaded.length} runtime modules load (${modules.loaded.join(', ')}), ` +
      `${modules.packages} packages with all their dependencies`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: check-package.ts <unpacked app dir, e.g. release/win-unpacked>');
    process.exit(2);
  }
  await main(dir);
}
