/**
 * The slice of Electron the shell uses, as small interfaces. The shell's modules depend on these and
 * never on the `electron` module itself, so every behaviour runs under plain Node with fakes
 * (Electron's binary cannot run here or in CI); `main.ts` binds the real module to them.
 * Signatures are written so that the real Electron objects satisfy them structurally.
 */
import type {
  BrowserWindowConstructorOptions,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  OpenDialogOptions,
  Rectangle,
} from 'electron';

export type {
  BrowserWindowConstructorOptions,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  OpenDialogOptions,
  Rectangle,
};

export interface PreventableEvent {
  preventDefault(): void;
}

export interface AppPort {
  readonly isPackaged: boolean;
  getVersion(): string;
  /** The app's root (the asar when packaged, the repository in development). */
  getAppPath(): string;
  getPath(name: 'userData' | 'home'): string;
  /** userData: agent mode moves the profile (and with it the single-instance lock) into its data dir. */
  setPath(name: 'sessionData' | 'userData', path: string): void;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(exitCode?: number): void;
  setAppUserModelId(id: string): void;
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
}

export interface NavigationEvent extends PreventableEvent {
  readonly url: string;
}

export interface WebContentsPort {
  readonly id: number;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface WindowPort {
  readonly webContents: WebContentsPort;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isVisible(): boolean;
  isDestroyed(): boolean;
  /** Bounds of the window when neither maximised nor minimised: what to restore next time. */
  getNormalBounds(): Rectangle;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'resize', listener: () => void): unknown;
  on(event: 'move', listener: () => void): unknown;
  on(event: 'maximize', listener: () => void): unknown;
  on(event: 'unmaximize', listener: () => void): unknown;
  /** Windows only: log-off or shutdown. */
  on(event: 'session-end', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export interface BalloonOptions {
  title: string;
  content: string;
  iconType?: 'none' | 'info' | 'warning' | 'error';
}

/** A tray icon; the binding builds Electron menus from templates so fakes can inspect them. */
export interface TrayPort {
  setToolTip(text: string): void;
  setContextMenu(template: MenuItemConstructorOptions[]): void;
  /** Windows only (a no-op elsewhere). */
  displayBalloon(options: BalloonOptions): void;
  on(event: 'click' | 'double-click', listener: () => void): unknown;
  destroy(): void;
}

export interface MenuPort {
  setApplicationMenu(template: MenuItemConstructorOptions[]): void;
}

export interface DialogPort {
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number; checkboxChecked: boolean }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showErrorBox(title: string, content: string): void;
}

export interface ShellPort {
  openExternal(url: string): Promise<void>;
  /** Resolves to an error message, or '' on success. */
  openPath(path: string): Promise<string>;
}

export interface InvokeEvent {
  readonly sender: { readonly id: number };
  /** Null once the frame has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainPort {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface HeadersReceivedDetails {
  readonly url: string;
  readonly resourceType?: string;
  readonly responseHeaders?: Record<string, string[]>;
}

export interface BeforeSendHeadersDetails {
  readonly url: string;
  readonly requestHeaders: Record<string, string>;
}

export interface WebRequestPort {
  onHeadersReceived(
    filter: { urls: string[] },
    listener: (
      details: HeadersReceivedDetails,
      callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
    ) => void,
  ): void;
  onBeforeSendHeaders(
    filter: { urls: string[] },
    listener: (
      details: BeforeSendHeadersDetails,
      callback: (response: { requestHeaders?: Record<string, string>; cancel?: boolean }) => void,
    ) => void,
  ): void;
}

export interface SessionPort {
  readonly webRequest: WebRequestPort;
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
}

/** Electron's powerSaveBlocker: keeps the system from suspending while servers run. */
export interface PowerSaveBlockerPort {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): unknown;
  isStarted(id: number): boolean;
}

/** Electron's powerMonitor. */
export interface PowerMonitorPort {
  /**
   * Linux and macOS: the system is about to shut down or reboot. preventDefault() delays it while
   * the app saves and quits (Windows sends the window's `session-end` instead). Electron's docs
   * pass the event; its typings declare none, so it is optional here.
   */
  on(event: 'shutdown', listener: (event?: PreventableEvent) => void): unknown;
}

export interface ElectronFacade {
  readonly platform: NodeJS.Platform;
  readonly app: AppPort;
  readonly menu: MenuPort;
  readonly dialog: DialogPort;
  readonly shell: ShellPort;
  readonly ipcMain: IpcMainPort;
  readonly nativeTheme: { readonly shouldUseDarkColors: boolean };
  readonly powerSaveBlocker: PowerSaveBlockerPort;
  /** Electron's powerMonitor can only be used once the app is ready. */
  powerMonitor(): PowerMonitorPort;
  createWindow(options: BrowserWindowConstructorOptions): WindowPort;
  createTray(iconPath: string): TrayPort;
  /** The default session; Electron only creates it once the app is ready. */
  defaultSession(): SessionPort;
  /** Work areas of the connected displays; Electron's `screen` is only usable once the app is ready. */
  displayWorkAreas(): Rectangle[];
}

/** What electron-updater's autoUpdater offers that the shell uses. */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', listener: () => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The shell's log lines (pino's signature; a pino logger satisfies it). */
export interface ShellLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
