import { describe, expect, it } from 'vitest';
import { IpcChannel, IpcEvent } from './ipc-channels.ts';
import type { DesktopBridge, UpdateStatus } from './preload-api.ts';
import { createBridge, type IpcRendererLike } from './preload-bridge.ts';

type Listener = (event: unknown, ...args: unknown[]) => void;

class FakeIpcRenderer implements IpcRendererLike {
  readonly calls: { channel: string; args: unknown[] }[] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  answers = new Map<string, unknown>();

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.calls.push({ channel, args });
    return Promise.resolve(this.answers.get(channel));
  }
  on(channel: string, listener: Listener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, ...args: unknown[]): void {
    const event = { sender: this, ports: [] };
    for (const l of this.listeners.get(channel) ?? []) l(event, ...args);
  }
}

describe('the desktop bridge', () => {
  it('exposes exactly the documented methods (no generic invoke)', () => {
    const bridge = createBridge(new FakeIpcRenderer());
    const expected: (keyof DesktopBridge)[] = [
      'appVersion',
      'pickFolder',
      'openLogsFolder',
      'updateStatus',
      'onUpdateStatus',
      'downloadUpdate',
      'installUpdate',
    ];
    expect(Object.keys(bridge).sort()).toEqual([...expected].sort());
    for (const key of expected) expect(typeof bridge[key]).toBe('function');
  });

  it('calls one named channel per method', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answers.set(IpcChannel.APP_VERSION, '1.2.3');
    const bridge = createBridge(ipc);
    expect(await bridge.appVersion()).toBe('1.2.3');
    await bridge.openLogsFolder();
    await bridge.downloadUpdate();
    await bridge.installUpdate();
    expect(ipc.calls.map((c) => c.channel)).toEqual([
      IpcChannel.APP_VERSION,
      IpcChannel.OPEN_LOGS_FOLDER,
      IpcChannel.UPDATE_DOWNLOAD,
      IpcChannel.UPDATE_INSTALL,
    ]);
  });

  it('passes only the documented folder options and returns a path or null', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    ipc.answers.set(IpcChannel.PICK_FOLDER, 'D:\\ARK-ASA-Servers');
    const sneaky = { title: 'Pick', defaultPath: 'D:\\', properties: ['openFile'], toString: () => 'x' };
    expect(await bridge.pickFolder(sneaky)).toBe('D:\\ARK-ASA-Servers');
    expect(ipc.calls[0]).toEqual({ channel: IpcChannel.PICK_FOLDER, args: [{ title: 'Pick', defaultPath: 'D:\\' }] });
    ipc.answers.set(IpcChannel.PICK_FOLDER, undefined);
    expect(await bridge.pickFolder()).toBeNull();
  });

  it('delivers update notices without the IPC event, and unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const seen: unknown[][] = [];
    const off = bridge.onUpdateStatus((...args: unknown[]) => void seen.push(args));
    const status: UpdateStatus = { state: 'available', version: '0.2.0' };
    ipc.emit(IpcEvent.UPDATE_STATUS_CHANGED, status);
    ipc.emit(IpcEvent.UPDATE_STATUS_CHANGED, { state: 'pwned' });
    expect(seen).toEqual([[status]]);
    off();
    expect(ipc.listeners.get(IpcEvent.UPDATE_STATUS_CHANGED)?.size).toBe(0);
  });

  it('reads the current update status, defaulting to unsupported on nonsense', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    ipc.answers.set(IpcChannel.UPDATE_STATUS, { state: 'downloaded', version: '0.2.0' });
    expect(await bridge.updateStatus()).toEqual({ state: 'downloaded', version: '0.2.0' });
    ipc.answers.set(IpcChannel.UPDATE_STATUS, 42);
    expect(await bridge.updateStatus()).toEqual({ state: 'unsupported' });
  });
});
