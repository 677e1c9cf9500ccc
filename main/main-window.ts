/**
 * The one window: the control plane's UI over HTTP, locked down, remembered where the user left it,
 * and hidden (not closed) when the user closes it, because the servers it supervises keep running.
 */
import type {
  BrowserWindowConstructorOptions,
  ElectronFacade,
  Rectangle,
  ShellLogger,
  WindowPort,
} from './electron-facade.ts';
import { isSameOrigin } from './origin-guard.ts';
import type { ShellStateStore } from './shell-state.ts';
import { guardWebContents } from './window-security.ts';

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 960, height: 600 };
/** How much of a saved window must overlap a display for the position to be reused (title bar reachable). */
const MIN_VISIBLE = { width: 120, height: 40 };
const SAVE_DELAY_MS = 500;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** The saved bounds if they are still on a connected display (a monitor may have been unplugged), else a default size, centred. */
export function initialBounds(saved: Rectangle | undefined, workAreas: Rectangle[]): Partial<Rectangle> {
  if (!saved) return { ...DEFAULT_SIZE };
  const visible = workAreas.some((area) => {
    const o = overlap(saved, area);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
  return visible ? saved : { width: saved.width, height: saved.height };
}

export interface MainWindowDeps {
  electron: Pick<ElectronFacade, 'createWindow' | 'displayWorkAreas' | 'nativeTheme' | 'shell'>;
  /** The control plane's URL: what the window shows (read each time: a restart may move it). */
  readonly url: string;
  preloadPath: string;
  iconPath: string;
  state: ShellStateStore;
  logger: ShellLogger;
  /** Developer tools only in development builds. */
  devTools: boolean;
  /** True once the user chose to quit: closing then really closes. */
  isQuitting(): boolean;
  /** The window was closed to the tray. */
  onHiddenToTray(): void;
  /** Windows log-off or shutdown. */
  onSessionEnd(): void;
}

export function windowOptions(
  deps: Pick<MainWindowDeps, 'preloadPath' | 'iconPath' | 'devTools' | 'electron'>,
  bounds: Partial<Rectangle>,
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'ARK ASA Server Manager',
    icon: deps.iconPath,
    // Shown on ready-to-show, on a background matching the theme, so there is no white flash.
    show: false,
    backgroundColor: deps.electron.nativeTheme.shouldUseDarkColors ? '#1a1b1e' : '#f8f9fa',
    webPreferences: {
      preload: deps.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: deps.devTools,
    },
  };
}

export class MainWindow {
  private window: WindowPort | null = null;
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: MainWindowDeps) {}

  /** Shows and focuses the window, creating it on first use (a start at log-in creates none until asked). */
  show(): void {
    const existing = this.live();
    if (!existing) {
      this.create();
      return;
    }
    if (existing.isMinimized()) existing.restore();
    existing.show();
    existing.focus();
  }

  hide(): void {
    this.live()?.hide();
  }

  /** Loads the control plane's page again (it was restarted, maybe on another port). */
  reload(): void {
    const win = this.live();
    if (!win) return;
    win
      .loadURL(this.deps.url)
      .catch((err: unknown) => this.deps.logger.error({ err, url: this.deps.url }, 'the window could not reload'));
  }

  /** The webContents id IPC senders are checked against. */
  contentsId(): number | null {
    return this.live()?.webContents.id ?? null;
  }

  /** Sends to the page, but only while it shows the control plane (never to a page of another origin). */
  send(channel: string, payload: unknown): void {
    const contents = this.live()?.webContents;
    if (contents && isSameOrigin(contents.getURL(), new URL(this.deps.url).origin)) contents.send(channel, payload);
  }

  /** Writes the window's place now (also called when quitting). */
  saveState(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const win = this.live();
    if (!win) return;
    this.deps.state.update({ window: { bounds: win.getNormalBounds(), maximized: win.isMaximized() } });
  }

  private live(): WindowPort | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  private create(): void {
    const saved = this.deps.state.get().window;
    const bounds = initialBounds(saved?.bounds, this.deps.electron.displayWorkAreas());
    const win = this.deps.electron.createWindow(windowOptions(this.deps, bounds));
    this.window = win;
    const deps = this.deps;
    guardWebContents(win.webContents, {
      // A getter: the control plane may come back on another port after a restart.
      get origin() {
        return new URL(deps.url).origin;
      },
      shell: this.deps.electron.shell,
      logger: this.deps.logger,
    });
    win.once('ready-to-show', () => {
      if (saved?.maximized) win.maximize();
      win.show();
      win.focus();
    });
    this.trackState(win);
    win.on('close', (event) => {
      this.saveState();
      if (this.deps.isQuitting()) return;
      event.preventDefault();
      win.hide();
      this.deps.onHiddenToTray();
    });
    win.on('session-end', () => this.deps.onSessionEnd());
    win
      .loadURL(this.deps.url)
      .catch((err: unknown) =>
        this.deps.logger.error({ err, url: this.deps.url }, 'the window could not load the control plane'),
      );
  }

  private trackState(win: WindowPort): void {
    const later = () => {
      if (this.saveTimer) clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.saveState(), SAVE_DELAY_MS);
      this.saveTimer.unref();
    };
    win.on('resize', later);
    win.on('move', later);
    win.on('maximize', () => this.saveState());
    win.on('unmaximize', () => this.saveState());
  }
}
