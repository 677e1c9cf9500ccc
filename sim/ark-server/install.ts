// Writes ArkAscendedServer.exe as a bash launcher of the server simulator (used by the steamcmd simulator).
import path from 'node:path';
import { writeLauncher } from '../shared/launcher.ts';

export type { RconReplyVariant, ServerSimControl, ServerSimPlayer } from './control.ts';
export { SERVER_CONTROL_DEFAULTS, writeServerControl } from './control.ts';

const ENTRY = path.join(import.meta.dirname, 'main.ts');

/**
 * `ARK_SIM_EXE="$0"` tells the simulator which path it was started as: the install root is derived from
 * it (dirname(exe)/../../..), so a hard-linked copy in an instance directory serves that instance.
 */
export async function writeServerLauncher(exePath: string): Promise<void> {
  await writeLauncher(exePath, ENTRY, ['export ARK_SIM_EXE="$0"']);
}
