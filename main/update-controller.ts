/**
 * Auto-update through electron-updater (GitHub releases, NSIS per-user): checks quietly, never
 * downloads without being asked (`autoDownload = false`) and never installs on its own
 * (`autoInstallOnAppQuit = false`): installing restarts the manager, so it goes through the quit
 * flow and its question about running servers.
 */
import type { DialogPort, ShellLogger, UpdaterPort } from './electron-facade.ts';
import type { UpdateStatus } from './preload-api.ts';

export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** Let start-up (control plane, window) settle before touching the network. */
export const FIRST_CHECK_DELAY_MS = 30_000;

export interface UpdateControllerDeps {
  /** Null in development builds: electron-updater needs the app-update.yml of a packaged app. */
  updater: UpdaterPort | null;
  dialog: DialogPort;
  logger: ShellLogger;
  currentVersion: string;
  /** Every status change (the window's notice, the tray menu). */
  notify(status: UpdateStatus): void;
  /** Quits through the quit flow (which asks about servers) and then runs `install`; false when cancelled. */
  quitForUpdate(install: () => void): Promise<boolean>;
}

export class UpdateController {
  private current: UpdateStatus;
  private manualCheck = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: UpdateControllerDeps) {
    this.current = deps.updater ? { state: 'idle' } : { state: 'unsupported' };
  }

  get supported(): boolean {
    return this.deps.updater !== null;
  }

  status(): UpdateStatus {
    return this.current;
  }

  start(): void {
    const updater = this.deps.updater;
    if (!updater) return;
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    this.listen(updater);
    const first = setTimeout(() => void this.check(false), FIRST_CHECK_DELAY_MS);
    const every = setInterval(() => void this.check(false), CHECK_INTERVAL_MS);
    for (const t of [first, every]) t.unref();
    this.timers = [first, every];
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  /** A manual check (Help menu) answers with a dialog either way; automatic ones stay quiet unless there is news. */
  async check(manual: boolean): Promise<void> {
    const updater = this.deps.updater;
    if (!updater || ['checking', 'downloading', 'downloaded'].includes(this.current.state)) return;
    this.manualCheck = manual;
    this.set({ state: 'checking' });
    try {
      await updater.checkForUpdates();
    } catch (err) {
      this.failed(err);
    }
  }

  async download(): Promise<void> {
    const updater = this.deps.updater;
    if (!updater || this.current.state !== 'available') return;
    this.set({ state: 'downloading', version: this.current.version, percent: 0 });
    try {
      await updater.downloadUpdate();
    } catch (err) {
      this.manualCheck = true;
      this.failed(err);
    }
  }

  async install(): Promise<void> {
    const updater = this.deps.updater;
    if (!updater || this.current.state !== 'downloaded') return;
    // Silent per-user install, then start the new version (NSIS, perMachine: false: no UAC prompt).
    await this.deps.quitForUpdate(() => updater.quitAndInstall(true, true));
  }

  private listen(updater: UpdaterPort): void {
    updater.on('update-available', (info) => this.set({ state: 'available', version: info.version }));
    updater.on('update-not-available', () => {
      this.set({ state: 'idle' });
      if (this.manualCheck) void this.tell(`You have the latest version (${this.deps.currentVersion}).`);
    });
    updater.on('download-progress', (progress) => {
      const version = 'version' in this.current ? this.current.version : '';
      this.set({ state: 'downloading', version, percent: progress.percent });
    });
    updater.on('update-downloaded', (info) => this.set({ state: 'downloaded', version: info.version }));
    updater.on('error', (err) => this.failed(err));
  }

  private failed(err: unknown): void {
    if (this.current.state === 'error' || this.current.state === 'idle') return;
    const message = err instanceof Error ? err.message : String(err);
    this.deps.logger.warn({ err }, 'update check or download failed');
    // A home server offline for days must not show an error banner for every automatic check.
    if (!this.manualCheck) return this.set({ state: 'idle' });
    this.set({ state: 'error', message });
    void this.tell(`Could not check for updates: ${message}`);
  }

  private async tell(message: string): Promise<void> {
    await this.deps.dialog.showMessageBox({
      type: 'info',
      title: 'ARK ASA Server Manager',
      message,
      buttons: ['OK'],
      noLink: true,
    });
  }

  private set(status: UpdateStatus): void {
    this.current = status;
    this.deps.notify(status);
  }
}
