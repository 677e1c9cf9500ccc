/**
 * Which program the desktop app is at launch: the manager with its window (the default), or a
 * remote agent (`--agent`, the same options as `npm run agent`) with no window at all. Pure: it
 * reads the command line only, so both paths are decided (and tested) without Electron.
 */
import path from 'node:path';

/** Turns the desktop app into a remote agent of the control plane named by --control-plane. */
export const AGENT_ARG = '--agent';
/** Agent mode without a tray icon (a scheduled task or service with no desktop to show it on). */
export const NO_TRAY_ARG = '--no-tray';

/**
 * Switches meant for Electron or Chromium, or for the window's shell (the log-in item's --hidden),
 * which the agent's own parser would refuse as unknown options.
 */
const FOREIGN_SWITCH =
  /^--(hidden|no-sandbox|disable-gpu|enable-logging|ozone-platform|enable-features|disable-features)(=|$)/;

export interface AgentLaunch {
  kind: 'agent';
  /** The agent's command line (app/agent-cli-args.ts parses it in the agent process). */
  agentArgs: string[];
  /** For the tray's label; null when missing (the agent then exits with code 2, saying so). */
  controlPlane: string | null;
  /** Absolute; null when missing. */
  dataDir: string | null;
  tray: boolean;
}

export type LaunchMode = { kind: 'window' } | AgentLaunch;

/**
 * The user's arguments: after the executable, and after the app's folder when run as
 * `electron <app>` in development (Electron's `process.defaultApp`).
 */
export function userArgs(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

/** The value of `--name value` or `--name=value`, the way node:util parseArgs reads them. */
export function optionValue(args: readonly string[], name: string): string | null {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === name) return args[i + 1] ?? null;
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return null;
}

export function launchModeOf(argv: readonly string[], defaultApp: boolean, cwd = process.cwd()): LaunchMode {
  const args = userArgs(argv, defaultApp);
  if (!args.includes(AGENT_ARG)) return { kind: 'window' };
  const agentArgs = args.filter((a) => a !== AGENT_ARG && a !== NO_TRAY_ARG && !FOREIGN_SWITCH.test(a));
  const dataDir = optionValue(agentArgs, '--data-dir');
  return {
    kind: 'agent',
    agentArgs,
    controlPlane: optionValue(agentArgs, '--control-plane'),
    dataDir: dataDir ? path.resolve(cwd, dataDir) : null,
    tray: !args.includes(NO_TRAY_ARG),
  };
}

/**
 * Electron's profile for an agent: a folder of its data dir. Electron's single-instance lock is
 * kept in the profile folder, so the lock then means "one agent per data dir", apart from the
 * desktop manager's own lock; and Chromium's files stay out of the manager's %AppData% folder.
 */
export function agentProfileDir(launch: AgentLaunch): string | null {
  return launch.dataDir === null ? null : path.join(launch.dataDir, 'desktop-shell');
}
