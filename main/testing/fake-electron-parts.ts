/** Fakes of the facade's service ports (dialog, shell, IPC, session), the updater and a logger that remembers. */
import type {
  BeforeSendHeadersDetails,
  DialogPort,
  HeadersReceivedDetails,
  InvokeEvent,
  IpcMainPort,
  MessageBoxOptions,
  OpenDialogOptions,
  PowerSaveBlockerPort,
  SessionPort,
  ShellLogger,
  ShellPort,
  UpdaterPort,
} from '../electron-facade.ts';
import { FakeEmitter } from './fake-emitter.ts';

export class FakeDialog implements DialogPort {
  readonly messageBoxes: MessageBoxOptions[] = [];
  /** Answers to the next message boxes (button index); the box's defaultId otherwise. */
  readonly messageBoxAnswers: number[] = [];
  readonly openDialogs: OpenDialogOptions[] = [];
  readonly openDialogAnswers: { canceled: boolean; filePaths: string[] }[] = [];
  readonly errors: { title: string; content: string }[] = [];

  showMessageBox(options: MessageBoxOptions): Promise<{ response: number; checkboxChecked: boolean }> {
    this.messageBoxes.push(options);
    return Promise.resolve({
      response: this.messageBoxAnswers.shift() ?? options.defaultId ?? 0,
      checkboxChecked: false,
    });
  }

  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.openDialogs.push(options);
    return Promise.resolve(this.openDialogAnswers.shift() ?? { canceled: true, filePaths: [] });
  }

  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  }
}

export class FakeShell implements ShellPort {
  readonly external: string[] = [];
  readonly opened: string[] = [];

  openExternal(url: string): Promise<void> {
    this.external.push(url);
    return Promise.resolve();
  }

  openPath(path: string): Promise<string> {
    this.opened.push(path);
    return Promise.resolve('');
  }
}

type Handler = (event: InvokeEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, listener: Handler): void {
    // Electron throws on a second handler for one channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What ipcRenderer.invoke does: runs the handler and rejects when it throws. */
  async invoke(channel: string, event: InvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return await handler(event, ...args);
  }
}

type HeadersReceivedListener = Parameters<SessionPort['webRequest']['onHeadersReceived']>[1];
type BeforeSendListener = Parameters<SessionPort['webRequest']['onBeforeSendHeaders']>[1];

export class FakeSession implements SessionPort {
  requestHandler: Parameters<SessionPort['setPermissionRequestHandler']>[0] | null = null;
  checkHandler: Parameters<SessionPort['setPermissionCheckHandler']>[0] | null = null;
  headersReceived: { urls: string[]; listener: HeadersReceivedListener } | null = null;
  beforeSend: { urls: string[]; listener: BeforeSendListener } | null = null;

  readonly webRequest = {
    onHeadersReceived: (filter: { urls: string[] }, listener: HeadersReceivedListener) => {
      this.headersReceived = { urls: filter.urls, listener };
    },
    onBeforeSendHeaders: (filter: { urls: string[] }, listener: BeforeSendListener) => {
      this.beforeSend = { urls: filter.urls, listener };
    },
  };

  setPermissionRequestHandler(handler: Parameters<SessionPort['setPermissionRequestHandler']>[0]): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: Parameters<SessionPort['setPermissionCheckHandler']>[0]): void {
    this.checkHandler = handler;
  }

  requestPermission(permission: string, requestingUrl: string): boolean {
    let granted: boolean | null = null;
    this.requestHandler?.(null, permission, (g) => (granted = g), { requestingUrl });
    if (granted === null) throw new Error('the permission handler did not answer');
    return granted;
  }

  /** The response headers a page would get (what onHeadersReceived answers). */
  receive(details: HeadersReceivedDetails): Record<string, string[]> | undefined {
    let out: Record<string, string[]> | undefined;
    this.headersReceived?.listener(details, (response) => (out = response.responseHeaders));
    return out;
  }

  /** The request headers a request would carry (what onBeforeSendHeaders answers); unchanged when nothing listens. */
  send(details: BeforeSendHeadersDetails): Record<string, string> | undefined {
    if (!this.beforeSend) return details.requestHeaders;
    let out: Record<string, string> | undefined;
    this.beforeSend.listener(details, (response) => (out = response.requestHeaders));
    return out;
  }
}

export class FakeUpdater extends FakeEmitter implements UpdaterPort {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  checks = 0;
  downloads = 0;
  readonly installs: [boolean | undefined, boolean | undefined][] = [];
  checkResult: () => Promise<unknown> = () => Promise.resolve(null);

  checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return this.checkResult();
  }
  downloadUpdate(): Promise<unknown> {
    this.downloads += 1;
    return Promise.resolve([]);
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg: string;
}

export function memoryLogger(): ShellLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (obj, msg) => void lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => void lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => void lines.push({ level: 'error', obj, msg }),
  };
}

export class FakePowerSaveBlocker implements PowerSaveBlockerPort {
  private nextId = 1;
  readonly active = new Map<number, string>();
  /** Every start, in order (what was asked for). */
  readonly started: string[] = [];

  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number {
    const id = this.nextId++;
    this.active.set(id, type);
    this.started.push(type);
    return id;
  }
  stop(id: number): boolean {
    return this.active.delete(id);
  }
  isStarted(id: number): boolean {
    return this.active.has(id);
  }
}
