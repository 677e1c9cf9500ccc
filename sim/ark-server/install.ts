// Places ArkAscendedServer.exe: the simulator executable (see sim/shared/sim-build.ts) hard-linked
// under that name. The steamcmd simulator writes it into every server tree it installs.
import { placeSimExecutable } from '../shared/sim-executable.ts';

export type { RconReplyVariant, ServerSimControl, ServerSimPlayer } from './control.ts';
export { SERVER_CONTROL_DEFAULTS, writeServerControl } from './control.ts';

/**
 * Writes the server executable at `exePath` (…/ShooterGame/Binaries/Win64/ArkAscendedServer.exe).
 * The simulator derives its install root from the path it runs as (dirname(exe)/../../..), so a
 * hard link of it in an instance directory serves that instance.
 */
export async function writeServerLauncher(exePath: string): Promise<void> {
  await placeSimExecutable(exePath);
}
