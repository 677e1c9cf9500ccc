// Entry of the ArkAscendedServer.exe simulator (run through the launcher written by install.ts).
import path from 'node:path';
import { parseCommandLine } from './cmdline.ts';
import { parseServerControl, readServerControl } from './control.ts';
import { readGus } from './gus-file.ts';
import { installRootOf, serverPaths } from './paths.ts';
import { ArkServerSim } from './server.ts';
import { resolveSettings } from './settings.ts';

async function main(): Promise<void> {
  const exe = process.env['ARK_SIM_EXE'];
  if (!exe) {
    console.error('ARK_SIM_EXE is not set: start the simulator through its ArkAscendedServer.exe launcher');
    process.exit(2);
  }
  // $0 may be relative to the cwd the launcher was started in, which is also ours.
  const paths = serverPaths(installRootOf(path.resolve(exe)));
  const cmd = parseCommandLine(process.argv.slice(2));
  const gus = readGus(paths);
  const settings = resolveSettings(cmd, gus.doc);
  const control = readServerControl(paths.control) ?? parseServerControl({});
  await new ArkServerSim({ paths, cmd, settings, gus, control }).run();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(70);
});
