import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from './preload-api.ts';
import { FakeDialog, FakeUpdater, memoryLogger } from './testing/fake-electron.ts';
import { FIRST_CHECK_DELAY_MS, UpdateController } from './update-controller.ts';

afterEach(() => vi.useRealTimers());

function setup(opts: { supported?: boolean; confirm?: boolean } = {}) {
  const updater = opts.supported === false ? null : new FakeUpdater();
  const dialog = new FakeDialog();
  const seen: UpdateStatus[] = [];
  let quitRequests = 0;
  const controller = new UpdateController({
    updater,
    dialog,
    logger: memoryLogger(),
    currentVersion: '0.1.0',
    notify: (s) => void seen.push(s),
    quitForUpdate: (install) => {
      quitRequests += 1;
      if (opts.confirm ?? true) install();
      return Promise.resolve(opts.confirm ?? true);
    },
  });
  return { updater, dialog, seen, controller, quitRequests: () => quitRequests };
}

describe('auto-update', () => {
  it('is unsupported without an updater (development builds)', async () => {
    const { controller, seen } = setup({ supported: false });
    controller.start();
    await controller.check(true);
    expect(controller.supported).toBe(false);
    expect(controller.status()).toEqual({ state: 'unsupported' });
    expect(seen).toEqual([]);
  });

  it('never downloads or installs by itself, and checks after start-up', () => {
    vi.useFakeTimers();
    const { controller, updater } = setup();
    controller.start();
    expect(updater?.autoDownload).toBe(false);
    expect(updater?.autoInstallOnAppQuit).toBe(false);
    expect(updater?.checks).toBe(0);
    vi.advanceTimersByTime(FIRST_CHECK_DELAY_MS);
    expect(updater?.checks).toBe(1);
    controller.stop();
  });

  it('tells the UI an update is available and downloads it only when asked', async () => {
    const { controller, updater, seen } = setup();
    controller.start();
    await controller.download();
    expect(updater?.downloads).toBe(0);
    await controller.check(false);
    updater?.emit('update-available', { version: '0.2.0' });
    expect(seen.at(-1)).toEqual({ state: 'available', version: '0.2.0' });
    await controller.download();
    updater?.emit('download-progress', { percent: 42 });
    expect(controller.status()).toEqual({ state: 'downloading', version: '0.2.0', percent: 42 });
    updater?.emit('update-downloaded', { version: '0.2.0' });
    expect(controller.status()).toEqual({ state: 'downloaded', version: '0.2.0' });
    expect(updater?.downloads).toBe(1);
    controller.stop();
  });

  it('installs through the quit flow, silently, and restarts the app', async () => {
    const { controller, updater, quitRequests } = setup();
    controller.start();
    await controller.install();
    expect(quitRequests()).toBe(0);
    updater?.emit('update-available', { version: '0.2.0' });
    updater?.emit('update-downloaded', { version: '0.2.0' });
    await controller.install();
    expect(quitRequests()).toBe(1);
    expect(updater?.installs).toEqual([[true, true]]);
    controller.stop();
  });

  it('does not install when the user cancels the servers question', async () => {
    const { controller, updater } = setup({ confirm: false });
    controller.start();
    updater?.emit('update-downloaded', { version: '0.2.0' });
    await controller.install();
    expect(updater?.installs).toEqual([]);
    controller.stop();
  });

  it('stays quiet when an automatic check fails (an offline home server)', async () => {
    const { controller, updater, dialog } = setup();
    controller.start();
    updater!.checkResult = () => {
      updater!.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
      return Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED'));
    };
    await controller.check(false);
    expect(controller.status()).toEqual({ state: 'idle' });
    expect(dialog.messageBoxes).toHaveLength(0);
    controller.stop();
  });

  it('answers a manual check either way', async () => {
    const { controller, updater, dialog } = setup();
    controller.start();
    updater!.checkResult = () => {
      updater!.emit('update-not-available');
      return Promise.resolve(null);
    };
    await controller.check(true);
    expect(dialog.messageBoxes[0]?.message).toBe('You have the latest version (0.1.0).');
    updater!.checkResult = () => Promise.reject(new Error('HttpError: 404'));
    await controller.check(true);
    expect(controller.status()).toEqual({ state: 'error', message: 'HttpError: 404' });
    expect(dialog.messageBoxes[1]?.message).toContain('HttpError: 404');
    controller.stop();
  });
});
