/**
 * The desktop app in agent mode (`--agent`, main/agent-mode.ts): a remote agent of a control plane
 * elsewhere, with no window, one per data dir, and a tray icon unless --no-tray. The agent itself
 * runs in a child process (agent-process.ts); the app's exit code is the agent's (0 stopped,
 * 1 cannot start, 2 bad arguments, 3 refused by the control plane: docs/agent-channel.md).
 * Everything Electron comes through the facade, so this runs under plain Node with fakes.
 */
import path from 'node:path';
import type { AgentChild, AgentLauncher } from './agent-process.ts';
import { agentProfileDir, type AgentLaunch } from './agent-mode.ts';
import { agentTooltip, agentTrayTemplate } from './agent-tray.ts';
import type { AppPort, ElectronFacade, ShellLogger, TrayPort } from './electron-facade.ts';
import { watchSessionEndWithoutWindow } from './session-end-window.ts';

export interface AgentShellDeps {
  electron: Pick<ElectronFacade, 'platform' | 'app' | 'dialog' | 'shell' | 'createTray' | 'createWindow'>;
  launch: AgentLauncher;
  mode: AgentLaunch;
  logger: ShellLogger;
  iconPath: string;
  /** How long a stop may take before the agent is ended (its servers keep running either way). */
  stopTimeoutMs?: number;
}

const STOP_TIMEOUT_MS = 60_000;
const EXIT_TITLES: Record<number, string> = {
  1: 'The agent cannot start',
  2: 'The agent’s options are not right',
  3: 'The control plane refused this agent',
};

/**
 * The agent's Electron profile, before anything reads userData (the shell's logger, the lock).
 * Without a data dir the profile stays the app's: the agent exits at once with code 2.
 */
export function useAgentProfile(app: Pick<AppPort, 'setPath'>, mode: AgentLaunch): void {
  const profile = agentProfileDir(mode);
  if (profile !== null) app.setPath('userData', profile);
}

/** What to tell a user who started the agent by hand when it ended on its own; null for a clean stop. */
export function agentExitMessage(
  code: number,
  stderr: string,
  dataDir: string | null,
): { title: string; content: string } | null {
  if (code === 0) return null;
  const said = stderr.trim().split('\n').slice(0, 12).join('\n');
  const logs = dataDir ? `\n\nThe agent’s log is in ${path.join(dataDir, 'logs')}.` : '';
  return {
    title: EXIT_TITLES[code] ?? `The agent stopped (exit code ${code})`,
    content: `${said || 'It did not say why.'}${logs}`,
  };
}

/** Runs agent mode; resolves once the agent was started (null: this data dir already has an agent). */
export async function runAgentShell(deps: AgentShellDeps): Promise<AgentShell | null> {
  const { app } = deps.electron;
  // The lock is keyed by the profile folder (useAgentProfile): one agent per data dir. Without a
  // data dir there is nothing to guard; the agent refuses the arguments itself.
  if (deps.mode.dataDir !== null && !app.requestSingleInstanceLock()) {
    deps.logger.error({ dataDir: deps.mode.dataDir }, 'an agent already runs with this data dir');
    console.error(`Cannot start: an agent already runs with the data dir ${deps.mode.dataDir}`);
    app.exit(1);
    return null;
  }
  const shell = new AgentShell(deps);
  shell.installEarly();
  await app.whenReady();
  shell.start();
  return shell;
}

export class AgentShell {
  /** The agent's exit code, once it ended (the app exits with it). */
  readonly exited: Promise<number>;
  private resolveExited: (code: number) => void = () => undefined;
  private child: AgentChild | null = null;
  private tray: TrayPort | null = null;
  private stopping = false;
  private killTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: AgentShellDeps) {
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
  }

  installEarly(): void {
    const { app } = this.deps.electron;
    app.on('second-instance', () =>
      this.deps.logger.info({ dataDir: this.deps.mode.dataDir }, 'a second start for this data dir was ignored'),
    );
    // A quit from anywhere (the OS's SIGTERM, a log-off) stops the agent first; its exit ends the app.
    app.on('before-quit', (event) => {
      if (!this.child) return;
      event.preventDefault();
      this.stop('the app was asked to quit');
    });
    // The session watcher is a window: its closing must not end the app before the agent stopped.
    app.on('window-all-closed', () => undefined);
  }

  start(): void {
    const { electron, mode, logger } = this.deps;
    logger.info({ controlPlane: mode.controlPlane, dataDir: mode.dataDir }, 'starting the remote agent');
    const child = this.deps.launch(mode.agentArgs);
    this.child = child;
    child.onExit((code) => this.onExit(child, code));
    if (mode.tray) this.showTray();
    // Windows tells only windows of a log-off or shutdown: the agent then stops before Windows ends it.
    if (electron.platform === 'win32')
      watchSessionEndWithoutWindow(electron, () => this.stop('the Windows session is ending'));
  }

  /** Asks the agent to stop; ends it if it has not within the stop timeout. */
  stop(reason: string): void {
    if (!this.child || this.stopping) return;
    this.stopping = true;
    this.deps.logger.info({ reason }, 'stopping the remote agent');
    this.refreshTray();
    const child = this.child;
    child.requestStop();
    this.killTimer = setTimeout(() => {
      this.deps.logger.warn({ pid: child.pid }, 'the agent did not stop in time; ending it');
      child.kill();
    }, this.deps.stopTimeoutMs ?? STOP_TIMEOUT_MS);
  }

  private onExit(child: AgentChild, code: number | null): void {
    const { electron, logger, mode } = this.deps;
    this.child = null;
    if (this.killTimer) clearTimeout(this.killTimer);
    this.tray?.destroy();
    this.tray = null;
    const exitCode = code ?? 1;
    logger.info({ exitCode, stderr: child.stderrTail() || undefined }, 'the remote agent exited');
    const message = this.stopping ? null : agentExitMessage(exitCode, child.stderrTail(), mode.dataDir);
    // A dialog only for someone at the desktop (tray mode): a task or service must not hang on one.
    if (message && mode.tray) electron.dialog.showErrorBox(message.title, message.content);
    this.resolveExited(exitCode);
    electron.app.exit(exitCode);
  }

  private showTray(): void {
    this.tray = this.deps.electron.createTray(this.deps.iconPath);
    this.refreshTray();
  }

  private refreshTray(): void {
    if (!this.tray) return;
    const view = { controlPlane: this.deps.mode.controlPlane, stopping: this.stopping };
    this.tray.setToolTip(agentTooltip(view));
    this.tray.setContextMenu(
      agentTrayTemplate(view, {
        openLogsFolder: () => this.openLogsFolder(),
        stop: () => this.stop('Stop agent in the tray menu'),
      }),
    );
  }

  private openLogsFolder(): void {
    const { dataDir } = this.deps.mode;
    if (dataDir === null) return;
    void this.deps.electron.shell.openPath(path.join(dataDir, 'logs')).then((error) => {
      if (error) this.deps.logger.warn({ error }, 'could not open the agent’s logs folder');
    });
  }
}
