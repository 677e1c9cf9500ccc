/**
 * Builds the `window.arkDesktop` object from an ipcRenderer. Kept apart from `preload.ts` (which only
 * hands it to contextBridge) so the exact surface is unit-tested without Electron. Every method is a
 * named, single-purpose call; there is no generic `invoke(channel, …)` for page scripts to abuse.
 */
import { IpcChannel, IpcEvent } from './ipc-channels.ts';
import type { DesktopBridge, PickFolderOptions, UpdateStatus } from './preload-api.ts';

type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** The ipcRenderer methods the bridge uses (Electron's ipcRenderer satisfies it). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: RendererListener): unknown;
  removeListener(channel: string, listener: RendererListener): unknown;
}

const UPDATE_STATES = new Set(['unsupported', 'idle', 'checking', 'available', 'downloading', 'downloaded', 'error']);

function isUpdateStatus(value: unknown): value is UpdateStatus {
  return (
    typeof value === 'object' &&
    value !== null &&
    'state' in value &&
    typeof value.state === 'string' &&
    UPDATE_STATES.has(value.state)
  );
}

/** Copies only the documented string fields, so nothing else a page passes reaches the main process. */
function folderOptions(options: PickFolderOptions | undefined): PickFolderOptions {
  const out: PickFolderOptions = {};
  if (typeof options?.title === 'string') out.title = options.title;
  if (typeof options?.defaultPath === 'string') out.defaultPath = options.defaultPath;
  return out;
}

export function createBridge(ipc: IpcRendererLike): DesktopBridge {
  return {
    appVersion: async () => String(await ipc.invoke(IpcChannel.APP_VERSION)),
    pickFolder: async (options) => {
      const chosen = await ipc.invoke(IpcChannel.PICK_FOLDER, folderOptions(options));
      return typeof chosen === 'string' ? chosen : null;
    },
    openLogsFolder: async () => {
      await ipc.invoke(IpcChannel.OPEN_LOGS_FOLDER);
    },
    updateStatus: async () => {
      const status = await ipc.invoke(IpcChannel.UPDATE_STATUS);
      return isUpdateStatus(status) ? status : { state: 'unsupported' };
    },
    onUpdateStatus: (listener) => {
      // The IPC event object (it carries `sender`, i.e. ipcRenderer itself) never reaches the page.
      const wrapped: RendererListener = (_event, status) => {
        if (isUpdateStatus(status)) listener(status);
      };
      ipc.on(IpcEvent.UPDATE_STATUS_CHANGED, wrapped);
      return () => {
        ipc.removeListener(IpcEvent.UPDATE_STATUS_CHANGED, wrapped);
      };
    },
    downloadUpdate: async () => {
      await ipc.invoke(IpcChannel.UPDATE_DOWNLOAD);
    },
    installUpdate: async () => {
      await ipc.invoke(IpcChannel.UPDATE_INSTALL);
    },
  };
}
