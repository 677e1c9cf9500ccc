/**
 * "Start with Windows": a log-in item that starts the manager in the tray (no window), so servers
 * with auto-start come back after a reboot without anyone opening the app.
 */
import type { AppPort } from './electron-facade.ts';

/** Passed by the log-in item; the shell then starts without showing its window. */
export const HIDDEN_ARG = '--hidden';

export interface LoginItem {
  /** Electron supports log-in items on Windows and macOS only. */
  readonly supported: boolean;
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
}

export function createLoginItem(
  app: Pick<AppPort, 'getLoginItemSettings' | 'setLoginItemSettings'>,
  platform: NodeJS.Platform,
): LoginItem {
  const supported = platform === 'win32' || platform === 'darwin';
  // On Windows the entry is matched by path and args: reading it back needs the same args it was written with.
  const args = [HIDDEN_ARG];
  return {
    supported,
    isEnabled: () => supported && app.getLoginItemSettings({ args }).openAtLogin,
    setEnabled: (enabled) => {
      if (supported) app.setLoginItemSettings({ openAtLogin: enabled, args });
    },
  };
}

export function startsHidden(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_ARG);
}
