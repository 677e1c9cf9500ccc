/**
 * Fakes of the Electron facade: enough behaviour to drive the shell like Electron would (quit emits
 * before-quit then closes windows, navigation emits will-navigate, …) and to inspect what it did.
 */
import type {
  AppPort,
  BalloonOptions,
  BrowserWindowConstructorOptions,
  ElectronFacade,
  MenuItemConstructorOptions,
  PowerMonitorPort,
  Rectangle,
  TrayPort,
  WebContentsPort,
  WindowPort,
} from '../electron-facade.ts';
import { FakeDialog, FakeIpcMain, FakePowerSaveBlocker, FakeSession, FakeShell } from './fake-electron-parts.ts';
import { FakeEmitter, FakeEvent } from './fake-emitter.ts';

export {
  FakeDialog,
  FakeIpcMain,
  FakePowerSaveBlocker,
  FakeSession,
  FakeShell,
  FakeUpdater,
  memoryLogger,
  type LogLine,
} from './fake-electron-parts.ts';

export class FakeWebContents extends FakeEmitter implements WebContentsPort {
  url = '';
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;

  constructor(readonly id: number) {
    super();
  }

  getURL(): string {
    return this.url;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** A link click or location change; true when it was let through. */
  navigate(url: string): boolean {
    const event = new FakeEvent(url);
    this.emit('will-navigate', event);
    if (!event.defaultPrevented) this.url = url;
    return !event.defaultPrevented;
  }

  redirect(url: string): boolean {
    const event = new FakeEvent(url);
    this.emit('will-redirect', event);
    return !event.defaultPrevented;
  }

  openWindow(url: string): { action: 'deny' } {
    if (!this.windowOpenHandler) throw new Error('no window open handler');
    return this.windowOpenHandler({ url });
  }
}

export class FakeWindow extends FakeEmitter implements WindowPort {
  readonly webContents: FakeWebContents;
  visible = false;
  maximized = false;
  minimized = false;
  destroyed = false;
  focusCount = 0;
  loadedUrl: string | null = null;
  bounds: Rectangle;

  constructor(
    readonly options: BrowserWindowConstructorOptions,
    id: number,
  ) {
    super();
    this.webContents = new FakeWebContents(id);
    this.bounds = {
      x: options.x ?? 100,
      y: options.y ?? 100,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    return Promise.resolve();
  }

  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focusCount += 1;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Rectangle {
    return this.bounds;
  }

  /** The page finished its first paint. */
  ready(): void {
    this.emit('ready-to-show');
  }

  /** The close button (or a quit): true when the window really closed. */
  close(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroyed = true;
    return true;
  }
}

export class FakeTray extends FakeEmitter implements TrayPort {
  tooltip = '';
  menu: MenuItemConstructorOptions[] = [];
  readonly balloons: BalloonOptions[] = [];
  destroyed = false;

  constructor(readonly iconPath: string) {
    super();
  }

  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(template: MenuItemConstructorOptions[]): void {
    this.menu = template;
  }
  displayBalloon(options: BalloonOptions): void {
    this.balloons.push(options);
  }
  destroy(): void {
    this.destroyed = true;
  }

  item(label: string | RegExp): MenuItemConstructorOptions | undefined {
    return this.menu.find((i) => (typeof label === 'string' ? i.label === label : label.test(i.label ?? '')));
  }
}

export class FakeApp extends FakeEmitter implements AppPort {
  isPackaged = false;
  lockGranted = true;
  quitCalls = 0;
  /** Set when a quit went all the way through. */
  quitted = false;
  exitCode: number | null = null;
  appUserModelId: string | null = null;
  loginItem = { openAtLogin: false, args: [] as string[] };
  readonly paths: Record<string, string>;

  constructor(
    private readonly windows: () => FakeWindow[],
    userData: string,
  ) {
    super();
    this.paths = { userData, home: '/home/tester', sessionData: userData };
  }

  getVersion(): string {
    return '1.2.3';
  }
  getAppPath(): string {
    return '/app';
  }
  getPath(name: 'userData' | 'home'): string {
    return this.paths[name]!;
  }
  setPath(name: 'sessionData' | 'userData', path: string): void {
    this.paths[name] = path;
  }
  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  /** Like Electron: before-quit (cancellable), then every window gets close (cancellable), then the app is gone. */
  quit(): void {
    this.quitCalls += 1;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const w of this.windows().filter((x) => !x.destroyed)) if (!w.close()) return;
    this.quitted = true;
  }

  exit(exitCode = 0): void {
    this.exitCode = exitCode;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void {
    this.loginItem = { openAtLogin: settings.openAtLogin, args: settings.args ?? [] };
  }
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean } {
    const same = JSON.stringify(options?.args ?? []) === JSON.stringify(this.loginItem.args);
    return { openAtLogin: same && this.loginItem.openAtLogin };
  }
}

export class FakeElectron implements ElectronFacade {
  platform: NodeJS.Platform = 'win32';
  readonly app: FakeApp;
  readonly dialog = new FakeDialog();
  readonly shell = new FakeShell();
  readonly ipcMain = new FakeIpcMain();
  readonly session = new FakeSession();
  readonly nativeTheme = { shouldUseDarkColors: true };
  readonly windows: FakeWindow[] = [];
  readonly trays: FakeTray[] = [];
  workAreas: Rectangle[] = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  appMenu: MenuItemConstructorOptions[] | null = null;
  readonly powerSaveBlocker = new FakePowerSaveBlocker();
  readonly monitor = new FakeEmitter();
  readonly menu = { setApplicationMenu: (template: MenuItemConstructorOptions[]) => void (this.appMenu = template) };

  constructor(userData: string) {
    this.app = new FakeApp(() => this.windows, userData);
  }

  createWindow(options: BrowserWindowConstructorOptions): FakeWindow {
    const window = new FakeWindow(options, this.windows.length + 1);
    this.windows.push(window);
    return window;
  }

  createTray(iconPath: string): FakeTray {
    const tray = new FakeTray(iconPath);
    this.trays.push(tray);
    return tray;
  }

  defaultSession(): FakeSession {
    return this.session;
  }

  displayWorkAreas(): Rectangle[] {
    return this.workAreas;
  }

  powerMonitor(): PowerMonitorPort {
    return this.monitor;
  }
}
