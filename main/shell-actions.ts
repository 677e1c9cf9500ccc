/** What the menu, the tray and the desktop bridge can ask the shell to do. */
import path from 'node:path';
import type { ShellControlPlane } from './control-plane-port.ts';
import type { ElectronFacade, ShellLogger } from './electron-facade.ts';
import type { BridgeActions } from './ipc-handlers.ts';
import type { MainWindow } from './main-window.ts';
import type { PickFolderOptions, UpdateStatus } from './preload-api.ts';
import type { TrayActions } from './tray.ts';
import type { UpdateController } from './update-controller.ts';

export interface ShellActionsDeps {
  electron: Pick<ElectronFacade, 'app' | 'dialog' | 'shell'>;
  logger: ShellLogger;
  plane(): ShellControlPlane | null;
  window(): MainWindow | null;
  updates: Pick<UpdateController, 'status' | 'download' | 'install'>;
}

const TITLE = 'ARK ASA Server Manager';

export class ShellActions implements BridgeActions, TrayActions {
  constructor(private readonly deps: ShellActionsDeps) {}

  appVersion(): string {
    return this.deps.electron.app.getVersion();
  }

  async pickFolder(options: PickFolderOptions): Promise<string | null> {
    const picked = await this.deps.electron.dialog.showOpenDialog({
      title: options.title ?? 'Choose a folder',
      defaultPath: options.defaultPath,
      properties: ['openDirectory', 'createDirectory', 'promptToCreate', 'dontAddToRecent'],
    });
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  }

  /** The control plane writes manager.log (and the shell shell.log) under `<data dir>/logs`. */
  async openLogsFolder(): Promise<void> {
    const plane = this.deps.plane();
    if (plane) await this.openPath(path.join(plane.dataDir, 'logs'));
  }

  openServerFolder(): void {
    const plane = this.deps.plane();
    if (!plane) return;
    plane
      .settings()
      .then((settings) => this.openPath(settings.dataRoot))
      .catch((err: unknown) =>
        this.deps.logger.warn({ err }, 'could not read the server folder from the control plane'),
      );
  }

  updateStatus(): UpdateStatus {
    return this.deps.updates.status();
  }

  downloadUpdate(): Promise<void> {
    return this.deps.updates.download();
  }

  installUpdate(): Promise<void> {
    return this.deps.updates.install();
  }

  open(): void {
    this.deps.window()?.show();
  }

  /** Through Electron's quit, so `before-quit` runs the quit flow whoever asked. */
  quit(): void {
    this.deps.electron.app.quit();
  }

  openInBrowser(pathname: string): void {
    const plane = this.deps.plane();
    if (!plane) return;
    this.deps.electron.shell
      .openExternal(`${plane.url}${pathname}`)
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'could not open the system browser'));
  }

  /** Tray quick action: a normal stop (save, exit) of every live server, after a confirmation. */
  async stopAllServers(): Promise<void> {
    const plane = this.deps.plane();
    if (!plane) return;
    const ids = await plane.liveInstanceIds();
    if (!ids.length) return;
    const { response } = await this.deps.electron.dialog.showMessageBox({
      type: 'warning',
      title: TITLE,
      message: ids.length === 1 ? 'Stop the running server?' : `Stop all ${ids.length} running servers?`,
      detail: 'Each server saves its world and shuts down; connected players are disconnected.',
      buttons: ['Stop servers', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (response !== 0) return;
    for (const id of ids) {
      try {
        await plane.stopInstance(id);
      } catch (err) {
        // Already stopping, or stopped meanwhile: the others still get their stop.
        this.deps.logger.warn({ err, instanceId: id }, 'could not stop a server');
      }
    }
  }

  async showAbout(): Promise<void> {
    const plane = this.deps.plane();
    const lines = [`Version ${this.appVersion()}`];
    if (plane) {
      lines.push(`Control plane: ${plane.url}`, `Data and logs: ${plane.dataDir}`);
      const dataRoot = await plane.settings().then(
        (s) => s.dataRoot,
        () => null,
      );
      if (dataRoot) lines.push(`Server files: ${dataRoot}`);
    }
    await this.deps.electron.dialog.showMessageBox({
      type: 'info',
      title: `About ${TITLE}`,
      message: TITLE,
      detail: lines.join('\n'),
      buttons: ['OK'],
      noLink: true,
    });
  }

  private async openPath(target: string): Promise<void> {
    const error = await this.deps.electron.shell.openPath(target);
    if (error) this.deps.logger.warn({ path: target, error }, 'could not open a folder');
  }
}
