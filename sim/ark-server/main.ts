// The ArkAscendedServer.exe simulator's program, run by the simulator executable when it is named
// ArkAscendedServer(.exe) (see sim/shared/sim-entry.ts and install.ts).
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
  const cmd = parseCommandLine(process.argv.slice(2));
  const gus = readGus(paths);
  const settings = resolveSettings(cmd, gus.doc);
  const control = readServerControl(paths.control) ?? parseServerControl({});
  await new ArkServerSim({ paths, cmd, settings, gus, control }).run();
}
