// Main script of the simulator executable (a Node single executable application, built by
// sim-build.ts). One binary plays both programs and picks one by its own file name, so each
// process's identity is genuine: /proc/<pid>/exe and argv[0] on Linux, the process's
// ExecutablePath on Windows, are the steamcmd or ArkAscendedServer.exe file that was started.
import path from 'node:path';
import { runArkServerSim } from '../ark-server/main.ts';
import { runSteamcmdSim } from '../steamcmd/main.ts';
import { runAsaApiLoaderSim } from '../asa-api-loader/main.ts';
import { SIM_PROGRAMS, programOf } from './sim-executable.ts';

async function main(): Promise<void> {
  // execPath is absolute and names the file that was started (a hard link keeps its own name).
  const exe = process.execPath;
  const program = programOf(exe);
  if (program === 'steamcmd') return runSteamcmdSim(path.dirname(exe));
  if (program === 'ark-server') return runArkServerSim(exe);
  if (program === 'asa-api-loader') return runAsaApiLoaderSim(exe);
  console.error(
    `${path.basename(exe)}: the simulator executable must be named ${Object.values(SIM_PROGRAMS).join(' or ')}`,
  );
  process.exit(2);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(70);
});
