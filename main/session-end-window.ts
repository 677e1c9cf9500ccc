/**
 * Windows announces a log-off, a shutdown or an update reboot to top-level windows only (Electron's
 * BrowserWindow `session-end`; powerMonitor's `shutdown` is Linux and macOS only). Started with
 * Windows, the manager lives in the tray with no window, so an invisible, empty one listens instead:
 * an unattended server PC rebooted by Windows Update is exactly when worlds must be saved.
 * https://www.electronjs.org/docs/latest/api/browser-window#event-session-end-windows
 */
import type { ElectronFacade } from './electron-facade.ts';

export function watchSessionEndWithoutWindow(
  electron: Pick<ElectronFacade, 'createWindow'>,
  onSessionEnd: () => void,
): void {
  const sentinel = electron.createWindow({
    show: false,
    width: 1,
    height: 1,
    skipTaskbar: true,
    focusable: false,
    title: 'ARK ASA Server Manager (session watcher)',
    // Nothing is ever loaded into it; locked down all the same.
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false },
  });
  sentinel.on('session-end', onSessionEnd);
}
