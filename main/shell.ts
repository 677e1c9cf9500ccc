/**
 * The desktop shell, composed: single instance, the control plane in a child process, first-run
 * server root, guarded window, tray, menu, bridge handlers, updates, sleep prevention, session end
 * and the quit flow. Everything Electron comes through the facade, so this runs (and is tested)
 * under plain Node with fakes.
 */
import path from 'node:path';
import { appMenuTemplate, type MenuActions } from './app-menu.ts';
import {
  startPlaneInteractively,
  type PlaneLifecycleEvent,
  type ShellControlPlane,
  type StartControlPlane,
} from './control-plane-port.ts';
import type { ElectronFacade, ShellLogger, UpdaterPort } from './electron-facade.ts';
import { IpcEvent } from './ipc-channels.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { createLoginItem, startsHidden, type LoginItem } from './login-item.ts';
import { MainWindow } from './main-window.ts';
import { PowerKeeper } from './power-keeper.ts';
import type { UpdateStatus } from './preload-api.ts';
import { QuitFlow } from './quit-flow.ts';
import { ensureServerRoot, type StatFs } from './server-root.ts';
import { watchSessionEndWithoutWindow } from './session-end-window.ts';
import { ShellActions } from './shell-actions.ts';
import { SHELL_STATE_FILE, ShellStateStore } from './shell-state.ts';
import { TrayController } from './tray.ts';
import { UpdateController } from './update-controller.ts';
import { guardSession } from './window-security.ts';

/** Also the AppUserModelID of the installer's shortcuts (electron-builder uses appId), so tray balloons are attributed to the app. */
export const APP_ID = 'com.arkasa.servermanager';

export interface ShellPaths {
  /** The bundled preload (out/preload/preload.cjs). */
  preload: string;
  /**
   * The built UI the control plane serves (renderer/dist inside the app), passed to it as
   * --static-dir: the bundled entry cannot find it from its own location. Null: its own default.
   */
  staticDir: string | null;
  /** Window and tray icon. */
  icon: string;
}

export interface ShellDeps {
  electron: ElectronFacade;
  startControlPlane: StartControlPlane;
  updater: UpdaterPort | null;
  logger: ShellLogger;
  paths: ShellPaths;
  argv: readonly string[];
  statfs: StatFs;
  mkdir: (dir: string) => void;
}

/** Runs the shell; resolves once started (null for a second instance, which hands over and quits). */
export async function runShell(deps: ShellDeps): Promise<Shell | null> {
  const { app } = deps.electron;
  // First of all: two managers must never supervise the same servers or bind the same port.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const shell = new Shell(deps);
  shell.installEarly();
  await app.whenReady();
  await shell.start();
  return shell;
}

export class Shell {
  readonly quitFlow: QuitFlow;
  readonly updates: UpdateController;
  private readonly state: ShellStateStore;
  private readonly loginItem: LoginItem;
  private readonly actions: ShellActions;
  private readonly power: PowerKeeper;
  private plane: ShellControlPlane | null = null;
  private window: MainWindow | null = null;
  private tray: TrayController | null = null;
  /** A second launch arrived before the window existed. */
  private showRequested = false;

  constructor(private readonly deps: ShellDeps) {
    const { app, dialog } = deps.electron;
    this.state = new ShellStateStore(path.join(app.getPath('userData'), SHELL_STATE_FILE), deps.logger);
    this.loginItem = createLoginItem(app, deps.electron.platform);
    this.quitFlow = new QuitFlow({
      app,
      dialog,
      logger: deps.logger,
      plane: () => this.plane,
      onShutdown: () => this.onShutdown(),
    });
    this.updates = new UpdateController({
      updater: deps.updater,
      dialog,
      logger: deps.logger,
      currentVersion: app.getVersion(),
      notify: (status) => this.onUpdateStatus(status),
      quitForUpdate: (install) => this.quitFlow.quit('update', install),
    });
    this.power = new PowerKeeper(deps.electron.powerSaveBlocker, deps.logger);
    this.actions = new ShellActions({
      electron: deps.electron,
      logger: deps.logger,
      plane: () => this.plane,
      window: () => this.window,
      updates: this.updates,
    });
  }

  /** What must happen before the app is ready. */
  installEarly(): void {
    const { app, platform } = this.deps.electron;
    app.on('second-instance', () => this.showWindow());
    this.quitFlow.install();
    if (platform === 'win32') app.setAppUserModelId(APP_ID);
    // Chromium's caches go to a subfolder, apart from the manager's database and logs in userData.
    app.setPath('sessionData', path.join(app.getPath('userData'), 'chromium'));
  }

  /** After ready. False when the control plane could not start (the app then exits). */
  async start(): Promise<boolean> {
    const { electron, logger } = this.deps;
    const dataDir = electron.app.getPath('userData');
    const started = await startPlaneInteractively(
      { start: this.deps.startControlPlane, dialog: electron.dialog, logger, unattended: startsHidden(this.deps.argv) },
      this.deps.paths.staticDir === null ? { dataDir } : { dataDir, staticDir: this.deps.paths.staticDir },
    );
    if (!started) {
      electron.app.exit(1);
      return false;
    }
    const { plane, notice } = started;
    this.plane = plane;
    logger.info({ url: plane.url, dataDir }, 'control plane started beside the desktop shell');
    await ensureServerRoot({
      logger,
      statfs: this.deps.statfs,
      mkdir: this.deps.mkdir,
      dialog: electron.dialog,
      platform: electron.platform,
      home: electron.app.getPath('home'),
      state: this.state,
      dataDir: plane.dataDir,
      plane,
    });
    this.openWindowAndTray(plane);
    this.watchPlane(plane);
    if (notice) this.tray?.balloon('Another port this time', notice);
    this.updates.start();
    if (!startsHidden(this.deps.argv) || this.showRequested) this.showWindow();
    else if (this.deps.electron.platform === 'win32')
      watchSessionEndWithoutWindow(this.deps.electron, () => void this.quitFlow.sessionEnd());
    return true;
  }

  private openWindowAndTray(plane: ShellControlPlane): void {
    const { electron, logger } = this.deps;
    // Getters: a restarted control plane may listen on another port, and every fence follows it.
    const origin = () => new URL(plane.url).origin;
    guardSession(electron.defaultSession(), { origin: origin(), token: plane.token, logger });
    this.window = new MainWindow({
      electron,
      get url() {
        return plane.url;
      },
      preloadPath: this.deps.paths.preload,
      iconPath: this.deps.paths.icon,
      state: this.state,
      logger,
      devTools: !electron.app.isPackaged,
      isQuitting: () => this.quitFlow.isQuitting(),
      onHiddenToTray: () => this.onHiddenToTray(),
      onSessionEnd: () => void this.quitFlow.sessionEnd(),
    });
    registerIpcHandlers({
      ipcMain: electron.ipcMain,
      get origin() {
        return origin();
      },
      windowContentsId: () => this.window?.contentsId() ?? null,
      logger,
      actions: this.actions,
    });
    electron.menu.setApplicationMenu(
      appMenuTemplate(this.menuActions(), {
        loginItem: this.loginItem,
        devTools: !electron.app.isPackaged,
        updatesSupported: this.updates.supported,
      }),
    );
    this.tray = new TrayController(electron, this.deps.paths.icon, this.actions, () => ({
      running: plane.runningServers(),
      update: this.updates.status(),
      loginItem: this.loginItem,
    }));
  }

  /** Running count → tray and sleep blocker; the child's restarts → window and user; the OS shutting down → save. */
  private watchPlane(plane: ShellControlPlane): void {
    plane.onRunningChanged((running) => {
      this.tray?.refresh();
      if (!this.quitFlow.isQuitting()) this.power.update(running);
    });
    plane.onLifecycle((event) => this.onPlaneLifecycle(plane, event));
    // Linux and macOS; Windows announces the end of the session on the window instead.
    this.deps.electron.powerMonitor().on('shutdown', (event) => {
      event?.preventDefault();
      void this.quitFlow.sessionEnd().then(() => this.deps.electron.app.quit());
    });
  }

  private onPlaneLifecycle(plane: ShellControlPlane, event: PlaneLifecycleEvent): void {
    const { electron, logger } = this.deps;
    if (this.quitFlow.isQuitting()) return;
    if (event.type === 'restarting') {
      this.tray?.balloon('The manager’s service stopped', 'It is being started again. Your game servers keep running.');
      return;
    }
    if (event.type === 'restarted') {
      if (event.urlChanged)
        guardSession(electron.defaultSession(), { origin: new URL(plane.url).origin, token: plane.token, logger });
      this.window?.reload();
      this.tray?.balloon(
        'The manager’s service is back',
        event.urlChanged ? `It now listens on ${plane.url}.` : 'The window was reloaded.',
      );
      return;
    }
    this.power.release();
    logger.error({ message: event.message }, 'gave up restarting the control plane');
    electron.dialog.showErrorBox(
      'ARK ASA Server Manager stopped working',
      `${event.message}\n\nGame servers that were running keep running; start the manager again to supervise them. ` +
        `Details are in ${path.join(plane.dataDir, 'logs', 'manager.log')}.`,
    );
    electron.app.exit(1);
  }

  private menuActions(): MenuActions {
    const a = this.actions;
    return {
      openServerFolder: () => a.openServerFolder(),
      openLogsFolder: () => void a.openLogsFolder(),
      hideWindow: () => this.window?.hide(),
      quit: () => a.quit(),
      openInBrowser: () => a.openInBrowser(''),
      openApiDocs: () => a.openInBrowser('/api/v1/docs'),
      checkForUpdates: () => void this.updates.check(true),
      showAbout: () => void a.showAbout(),
    };
  }

  private showWindow(): void {
    if (this.window) this.window.show();
    else this.showRequested = true;
  }

  private onHiddenToTray(): void {
    if (this.state.get().trayHintShown) return;
    this.state.update({ trayHintShown: true });
    this.tray?.balloon(
      'Still running in the tray',
      'The manager keeps supervising your servers. Right-click the tray icon to open it again or to quit.',
    );
  }

  private onShutdown(): void {
    this.power.release();
    this.window?.saveState();
    this.updates.stop();
    this.tray?.setStopping();
  }

  private onUpdateStatus(status: UpdateStatus): void {
    this.window?.send(IpcEvent.UPDATE_STATUS_CHANGED, status);
    this.tray?.refresh();
    if (status.state === 'available')
      this.tray?.balloon(`Update ${status.version} available`, 'Open the manager or the tray menu to download it.');
  }
}
