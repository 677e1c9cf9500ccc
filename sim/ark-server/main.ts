// The ArkAscendedServer.exe simulator's program, run by the simulator executable when it is named
// ArkAscendedServer(.exe) (see sim/shared/sim-entry.ts and install.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCommandLine } from './cmdline.ts';
import { parseServerControl, readServerControl } from './control.ts';
import { readGus } from './gus-file.ts';
import { installRootOf, serverPaths } from './paths.ts';
import { ArkServerSim } from './server.ts';
import { resolveSettings } from './settings.ts';

/**
 * Runs the server whose executable is `exe`: the install root is derived from it
 * (dirname(exe)/../../..), so a hard-linked copy in an instance directory serves that instance.
 */
export async function runArkServerSim(exe: string): Promise<void> {
  const paths = serverPaths(installRootOf(exe));
  await failIfBrokenBuild(paths.win64);
  const cmd = parseCommandLine(process.argv.slice(2));
  const gus = readGus(paths);
  const settings = resolveSettings(cmd, gus.doc);
  const control = readServerControl(paths.control) ?? parseServerControl({});
  if (control.exitAtStartCode !== null) process.exit(control.exitAtStartCode);
  await new ArkServerSim({ paths, cmd, settings, gus, control }).run();
}

/** A build file that makes every server of that build die while loading (see brokenBuildMarker). */
export const BROKEN_BUILD_MARKER = 'sim-broken-build.txt';

/**
 * A bad patch or a mod the build cannot load: the server prints the fatal error and exits with code 3
 * a second later, before it ever advertises. The marker is a file of the build, so it reaches every
 * instance linked to that build and leaves with a switch to another build.
 */
async function failIfBrokenBuild(win64: string): Promise<void> {
  let message: string;
  try {
    message = readFileSync(path.join(win64, BROKEN_BUILD_MARKER), 'utf8').trim();
  } catch {
    return;
  }
  process.stderr.write(`${message || 'Fatal error: Assertion failed loading the map'}\n`);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  process.exit(3);
}
