// The startup sequence of ShooterGame.log (docs/ark-facts.md#logs), spread over `startupSeconds`. RCON and the
// advertising line come only after `Full Startup:` (§5.2); the caller does those.
import { setTimeout as sleep } from 'node:timers/promises';
import { echoCommandLine } from './cmdline.ts';
import { cfCoreLines, loadGameModsLines } from './mods.ts';
import type { ServerSettings } from './settings.ts';
import type { UeLog } from './ue-log.ts';

export interface StartupContext {
  log: UeLog;
  settings: ServerSettings;
  args: readonly string[];
  arkVersion: string;
  startupSeconds: number;
  startedAt: number;
  /** Read live: `hangOnStart` can be set while starting. */
  hangOnStart(): boolean;
}

const MEMORY_LINES = [
  'LogMemory: Platform Memory Stats for WindowsServer',
  'LogMemory: Process Physical Memory: 308.93 MB used, 314.81 MB peak',
  'LogMemory: Process Virtual Memory: 294.71 MB used, 294.71 MB peak',
  'LogMemory: Physical Memory: 499431.47 MB used,  15912.99 MB free, 515344.47 MB total',
  'LogMemory: Virtual Memory: 471.01 MB used,  15912.99 MB free, 16384.00 MB total',
];

export const ADVERTISING_LINE = 'Server has completed startup and is now advertising for join.';

async function at(ctx: StartupContext, fraction: number): Promise<void> {
  const wait = ctx.startedAt + ctx.startupSeconds * 1000 * fraction - Date.now();
  if (wait > 0) await sleep(wait);
}

function modLines(settings: ServerSettings): string[] {
  const all = [...settings.mods, ...settings.passiveMods];
  return all.length === 0 ? [] : [...cfCoreLines(), ...all.flatMap((id) => loadGameModsLines(id))];
}

function battlEyeLines(settings: ServerSettings): string[] {
  if (!settings.battlEye) return [];
  return [
    'Server Initializing with BattlEye Anti-Cheat Protection. If you do not wish to use BattlEye, please launch with -NoBattlEye',
    'BattlEye successfully started.',
  ];
}

/** Writes the startup lines up to `Full Startup:`; resolves false when the server hangs before it. */
export async function runStartup(ctx: StartupContext): Promise<boolean> {
  const { log, settings } = ctx;
  log.lines(MEMORY_LINES);
  await at(ctx, 0.03);
  log.line(`ARK Version: ${ctx.arkVersion}`);
  await at(ctx, 0.06);
  log.lines(modLines(settings));
  await at(ctx, 0.1);
  log.line(`Primal Game Data Took ${(ctx.startupSeconds * 0.04).toFixed(2)} seconds`);
  await at(ctx, 0.12);
  log.lines(battlEyeLines(settings));
  log.line(`Server: "${settings.sessionName}" has successfully started!`);
  await at(ctx, 1);
  if (ctx.hangOnStart()) return false;
  // Two spaces after the colon, as the real server echoes it (docs/ark-facts.md#command-line).
  log.line(`Commandline:  ${echoCommandLine(ctx.args)}`);
  log.line(`Full Startup: ${((Date.now() - ctx.startedAt) / 1000).toFixed(2)} seconds`);
  return true;
}
