/**
 * The desktop shell, composed: single instance, control plane in-process, first-run server root,
 * guarded window, tray, menu, bridge handlers, updates and the quit flow. Everything Electron comes
 * through the facade, so this runs (and is tested) under plain Node with fakes.
 */
import path from 'node:path';
import { WSEventName } from '@ark-asa/contracts';
import { appMenuTemplate, type MenuActions } from './app-menu.ts';
import { startPlaneInteractively, type ShellControlPlane, type StartControlPlane } from './control-plane-port.ts';
import type { ElectronFacade, ShellLogger, UpdaterPort } from './electron-facade.ts';
import { IpcEvent } from './ipc-channels.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { createLoginItem, startsHidden, type LoginItem } from './login-item.ts';
import { MainWindow } from './main-window.ts';
import type { UpdateStatus } from './preload-api.ts';
import { QuitFlow } from './quit-flow.ts';
import { ensureServerRoot, type StatFs } from './server-root.ts';
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
  /** The built UI the control plane serves (renderer/dist inside the app). */
  staticDir: string;
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
    const plane = await startPlaneInteractively(
      { start: this.deps.startControlPlane, dialog: electron.dialog, logger },
      { dataDir, staticDir: this.deps.paths.staticDir },
    );
    if (!plane) {
      electron.app.exit(1);
      return false;
    }
    this.plane = plane;
    logger.info({ url: plane.url, dataDir }, 'control plane started in the desktop shell');
    await ensureServerRoot({
      logger,
      statfs: this.deps.statfs,
      mkdir: this.deps.mkdir,
      dialog: electron.dialog,
      platform: electron.platform,
      home: electron.app.getPath('home'),
      state: this.state,
      dataDir: plane.dataDir,
      settings: plane.services.settings,
    });
    this.openWindowAndTray(plane);
    this.updates.start();
    if (!startsHidden(this.deps.argv) || this.showRequested) this.showWindow();
    return true;
  }

  private openWindowAndTray(plane: ShellControlPlane): void {
    const { electron, logger } = this.deps;
    const origin = new URL(plane.url).origin;
    guardSession(electron.defaultSession(), { origin, token: plane.services.settings.get().accessToken, logger });
    this.window = new MainWindow({
      electron,
      url: plane.url,
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
      origin,
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
    plane.subscribe((event) => {
      if (event.event === WSEventName.INSTANCE_STATUS_CHANGED || event.event === WSEventName.INSTANCE_DELETED)
        this.tray?.refresh();
    });
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
