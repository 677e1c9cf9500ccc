import type { DesktopBridgeKey } from './preload-api.ts';

/** IPC channel names shared by the preload and the main process (one place, so they cannot drift). */
export const IpcChannel = {
  APP_VERSION: 'ark:app-version',
  PICK_FOLDER: 'ark:pick-folder',
  OPEN_LOGS_FOLDER: 'ark:open-logs-folder',
  UPDATE_STATUS: 'ark:update-status',
  UPDATE_DOWNLOAD: 'ark:update-download',
  UPDATE_INSTALL: 'ark:update-install',
} as const;
export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

/** Main → renderer notifications. */
export const IpcEvent = {
  UPDATE_STATUS_CHANGED: 'ark:update-status-changed',
} as const;

export const BRIDGE_KEY: DesktopBridgeKey = 'arkDesktop';
