/**
 * Quitting (docs/architecture.md, style rules: the shell closes cleanly): ask what to do with running servers, stop the control plane as
 * chosen (it stops accepting, closes sockets, stops or leaves the servers), then exit. Electron's
 * `before-quit` is cancelled until that is done, whoever asked to quit (menu, tray, Ctrl+Q, updater).
 */
import type { AppPort, DialogPort, PreventableEvent, ShellLogger } from './electron-facade.ts';

export type ServersChoice = 'stop' | 'leave' | 'cancel';
export type QuitPurpose = 'quit' | 'update';

export interface StoppablePlane {
  /** Servers with a live process, read afresh. */
  countRunning(): Promise<number>;
  stop(how: { stopServers?: boolean }): Promise<void>;
  /** Save every running world within the deadline; null when there was no answer in time. */
  sessionEnd(deadlineMs: number): Promise<{ saved: number; failed: { instanceId: string; message: string }[] } | null>;
}

/**
 * Windows gives an app about five seconds after WM_QUERYENDSESSION before it may end it; saving must
 * fit in well before that.
 */
export const SESSION_END_DEADLINE_MS = 4000;

function runningLine(running: number): string {
  return running === 1 ? '1 server is still running.' : `${running} servers are still running.`;
}

/** The question, with "leave them running" as the default: pressing Enter must not kick players. */
export async function askAboutServers(
  dialog: DialogPort,
  running: number,
  purpose: QuitPurpose,
): Promise<ServersChoice> {
  const verb = purpose === 'quit' ? 'quit' : 'update';
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: 'ARK ASA Server Manager',
    message:
      purpose === 'quit' ? runningLine(running) : `Installing the update restarts the manager. ${runningLine(running)}`,
    detail:
      'Stop them: each server saves its world and shuts down gracefully (this can take a minute).\n' +
      'Leave them running: players stay connected; the manager picks the servers up again when it starts.',
    buttons: [`Stop servers and ${verb}`, `Leave them running and ${verb}`, 'Cancel'],
    defaultId: 1,
    cancelId: 2,
    noLink: true,
  });
  return response === 0 ? 'stop' : response === 1 ? 'leave' : 'cancel';
}

export interface QuitFlowDeps {
  app: Pick<AppPort, 'on' | 'quit'>;
  dialog: DialogPort;
  logger: ShellLogger;
  /** The control plane once started; null before or when it failed to start. */
  plane(): StoppablePlane | null;
  /** Shutting down begins: save the window's place, show "stopping" in the tray. */
  onShutdown(): void;
}

type Phase = 'running' | 'asking' | 'stopping' | 'done';

export class QuitFlow {
  private phase: Phase = 'running';

  constructor(private readonly deps: QuitFlowDeps) {}

  install(): void {
    this.deps.app.on('before-quit', (event) => this.onBeforeQuit(event));
    // Closing the window hides it to the tray; the app lives on until Quit.
    this.deps.app.on('window-all-closed', () => undefined);
  }

  /** True once the user confirmed: windows may then really close. */
  isQuitting(): boolean {
    return this.phase === 'stopping' || this.phase === 'done';
  }

  /** Asks, shuts down, then quits (or runs `finish` instead, e.g. the updater's quit-and-install). False when cancelled. */
  async quit(purpose: QuitPurpose = 'quit', finish: () => void = () => this.deps.app.quit()): Promise<boolean> {
    if (this.phase !== 'running') return false;
    this.phase = 'asking';
    const plane = this.deps.plane();
    const running = plane ? await plane.countRunning() : 0;
    const choice = running > 0 ? await askAboutServers(this.deps.dialog, running, purpose) : 'leave';
    if (choice === 'cancel') {
      this.phase = 'running';
      return false;
    }
    await this.shutdown(plane, choice === 'stop');
    this.phase = 'done';
    finish();
    return true;
  }

  /**
   * Log-off, shutdown or an update reboot: no question can be answered. Every running world is saved
   * first (the operating system then ends the servers), then the control plane closes.
   */
  async sessionEnd(): Promise<void> {
    if (this.isQuitting()) return;
    const plane = this.deps.plane();
    this.phase = 'stopping';
    this.deps.onShutdown();
    try {
      const saved = await plane?.sessionEnd(SESSION_END_DEADLINE_MS);
      if (saved === null) this.deps.logger.error({}, 'the control plane did not confirm saving the worlds in time');
      else if (saved)
        this.deps.logger.info({ saved: saved.saved, failed: saved.failed }, 'worlds saved for the session end');
    } catch (err) {
      this.deps.logger.error({ err }, 'could not save the worlds at session end');
    }
    await this.shutdown(plane, false);
    this.phase = 'done';
  }

  private onBeforeQuit(event: PreventableEvent): void {
    if (this.phase === 'done') return;
    event.preventDefault();
    void this.quit();
  }

  private async shutdown(plane: StoppablePlane | null, stopServers: boolean): Promise<void> {
    if (this.phase !== 'stopping') {
      this.phase = 'stopping';
      this.deps.onShutdown();
    }
    this.deps.logger.info({ stopServers }, 'shutting down');
    try {
      await plane?.stop({ stopServers });
    } catch (err) {
      // Quitting must finish even if a stop fails; the servers are then adopted again on the next start.
      this.deps.logger.error({ err }, 'the control plane did not stop cleanly');
    }
  }
}
