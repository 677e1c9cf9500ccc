/**
 * The main-process side of the desktop bridge. Every handler first checks who is calling: the
 * shell's own window, showing a page of the control plane's origin (Electron security checklist,
 * item 17). Arguments are validated here, never trusted from the preload.
 */
import path from 'node:path';
import type { InvokeEvent, IpcMainPort, ShellLogger } from './electron-facade.ts';
import { IpcChannel } from './ipc-channels.ts';
import { isSameOrigin } from './origin-guard.ts';
import type { PickFolderOptions, UpdateStatus } from './preload-api.ts';

export interface BridgeActions {
  appVersion(): string;
  pickFolder(options: PickFolderOptions): Promise<string | null>;
  openLogsFolder(): Promise<void>;
  updateStatus(): UpdateStatus;
  downloadUpdate(): Promise<void>;
  installUpdate(): Promise<void>;
}

export interface IpcDeps {
  ipcMain: IpcMainPort;
  origin: string;
  /** webContents id of the shell's window, or null while there is none. */
  windowContentsId(): number | null;
  logger: ShellLogger;
  actions: BridgeActions;
}

export function isTrustedSender(event: InvokeEvent, origin: string, contentsId: number | null): boolean {
  if (contentsId === null || event.sender.id !== contentsId) return false;
  const frame = event.senderFrame;
  return frame !== null && isSameOrigin(frame.url, origin);
}

const MAX_TITLE = 200;
const MAX_PATH = 1024;

function isAbsoluteAnywhere(p: string): boolean {
  return path.win32.isAbsolute(p) || path.posix.isAbsolute(p);
}

/** Accepts `undefined` or `{ title?, defaultPath? }` with bounded strings and an absolute path; throws otherwise. */
export function parsePickFolderOptions(value: unknown): PickFolderOptions {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('pickFolder options must be an object');
  const { title, defaultPath, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length) throw new Error(`Unknown pickFolder options: ${Object.keys(rest).join(', ')}`);
  const out: PickFolderOptions = {};
  if (title !== undefined) {
    if (typeof title !== 'string' || title.length > MAX_TITLE)
      throw new Error('pickFolder title must be a short string');
    out.title = title;
  }
  if (defaultPath !== undefined) {
    if (typeof defaultPath !== 'string' || defaultPath.length > MAX_PATH || !isAbsoluteAnywhere(defaultPath)) {
      throw new Error('pickFolder defaultPath must be an absolute path');
    }
    out.defaultPath = defaultPath;
  }
  return out;
}

/** Registers the bridge's handlers; returns the function that removes them. */
export function registerIpcHandlers(deps: IpcDeps): () => void {
  const { actions } = deps;
  const table: Record<string, (args: unknown[]) => unknown> = {
    [IpcChannel.APP_VERSION]: () => actions.appVersion(),
    [IpcChannel.PICK_FOLDER]: (args) => actions.pickFolder(parsePickFolderOptions(args[0])),
    [IpcChannel.OPEN_LOGS_FOLDER]: () => actions.openLogsFolder(),
    [IpcChannel.UPDATE_STATUS]: () => actions.updateStatus(),
    [IpcChannel.UPDATE_DOWNLOAD]: () => actions.downloadUpdate(),
    [IpcChannel.UPDATE_INSTALL]: () => actions.installUpdate(),
  };
  for (const [channel, run] of Object.entries(table)) {
    deps.ipcMain.handle(channel, (event, ...args) => {
      if (!isTrustedSender(event, deps.origin, deps.windowContentsId())) {
        deps.logger.warn(
          { channel, url: event.senderFrame?.url ?? null },
          'refused an IPC call from an untrusted sender',
        );
        throw new Error('Not allowed');
      }
      return run(args);
    });
  }
  return () => {
    for (const channel of Object.keys(table)) deps.ipcMain.removeHandler(channel);
  };
}
