import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MenuItem } from 'electron';
import { PlaneStartError } from './control-plane-port.ts';
import { IpcChannel, IpcEvent } from './ipc-channels.ts';
import { HIDDEN_ARG } from './login-item.ts';
import { APP_ID } from './shell.ts';
import { cleanupShells, setupShell as setup, trusted } from './testing/shell-harness.ts';
import { FakeUpdater } from './testing/fake-electron.ts';

afterEach(cleanupShells);

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('start-up', () => {
  it('a second launch hands over to the first and quits before starting anything', async () => {
    const { electron, starts, shell } = await setup({ lockGranted: false });
    expect(shell).toBeNull();
    expect(electron.app.quitCalls).toBe(1);
    expect(starts).toEqual([]);
    expect(electron.windows).toEqual([]);
  });

  it('starts the control plane (a child process) on the user data dir and opens the window on its URL', async () => {
    const { dir, electron, plane, starts } = await setup();
    expect(starts).toEqual([{ dataDir: dir, staticDir: '/app/renderer/dist' }]);
    const win = electron.windows[0]!;
    expect(win.loadedUrl).toBe(plane.url);
    expect(win.options.webPreferences?.preload).toBe('/app/out/preload/preload.cjs');
    expect(win.options.webPreferences?.sandbox).toBe(true);
    expect(electron.trays).toHaveLength(1);
    expect(electron.appMenu?.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(Object.values(IpcChannel).sort());
    expect(electron.session.requestHandler).not.toBeNull();
    expect(electron.session.headersReceived?.urls).toEqual([`${plane.url}/*`, 'ws://127.0.0.1:3000/*']);
    expect(electron.app.appUserModelId).toBe(APP_ID);
    expect(electron.app.paths.sessionData).toBe(path.join(dir, 'chromium'));
    win.ready();
    expect(win.visible).toBe(true);
  });

  it('a second launch brings the window back', async () => {
    const { electron } = await setup();
    const win = electron.windows[0]!;
    win.ready();
    win.close();
    expect(win.visible).toBe(false);
    electron.app.emit('second-instance', {}, ['ARK ASA Server Manager.exe'], 'C:\\');
    expect(win.visible).toBe(true);
    expect(win.focusCount).toBeGreaterThan(0);
  });

  it('started with Windows, it stays in the tray until asked', async () => {
    const { electron } = await setup({ argv: ['ARK ASA Server Manager.exe', HIDDEN_ARG] });
    // Only the invisible session-end watcher: no page is loaded until asked.
    expect(electron.windows.map((w) => [w.options.show, w.loadedUrl])).toEqual([[false, null]]);
    expect(electron.trays).toHaveLength(1);
    electron.app.emit('second-instance');
    expect(electron.windows).toHaveLength(2);
    expect(electron.windows[1]!.loadedUrl).toBe('http://127.0.0.1:3000');
  });

  it('explains why the control plane cannot start, and exits', async () => {
    const { electron } = await setup({
      start: () => Promise.reject(new Error('Another manager (pid 4242) is already using C:\\data')),
    });
    expect(electron.dialog.errors).toEqual([
      { title: 'ARK ASA Server Manager cannot start', content: 'Another manager (pid 4242) is already using C:\\data' },
    ]);
    expect(electron.app.exitCode).toBe(1);
    expect(electron.windows).toHaveLength(0);
  });

  it('offers a free port when its port is taken', async () => {
    const portInUse = new PlaneStartError('port-in-use', 'Port 3000 is already in use on 127.0.0.1');
    const { starts, electron } = await setup({
      start: (o, plane) => (o.port === 0 ? Promise.resolve(plane) : Promise.reject(portInUse)),
    });
    expect(electron.dialog.messageBoxes[0]?.buttons).toEqual(['Use a free port', 'Quit']);
    expect(starts.map((s) => s.port)).toEqual([undefined, 0]);
    expect(electron.windows).toHaveLength(1);
  });

  it('asks for the server root on first run and applies it', async () => {
    const { plane, made, electron } = await setup({ serverRootChosen: false });
    expect(electron.dialog.messageBoxes[0]?.message).toBe('Where should the server files go?');
    expect(made).toEqual(['D:\\ARK-ASA-Servers']);
    expect(plane.settingsValue.dataRoot).toBe('D:\\ARK-ASA-Servers');
  });

  it('puts the access token on the window’s requests when the manager is exposed', async () => {
    const { electron } = await setup({
      start: (_o, plane) => {
        plane.token = 'correct-horse-battery-staple';
        return Promise.resolve(plane);
      },
    });
    expect(electron.session.send({ url: 'ws://127.0.0.1:3000/ws', requestHeaders: {} })).toEqual({
      Authorization: 'Bearer correct-horse-battery-staple',
    });
  });
});

describe('running', () => {
  it('closing the window keeps the servers running and says so once', async () => {
    const { electron, plane } = await setup();
    const win = electron.windows[0]!;
    win.ready();
    win.close();
    win.show();
    win.close();
    expect(plane.stops).toEqual([]);
    expect(electron.trays[0]!.balloons).toHaveLength(1);
    expect(electron.trays[0]!.balloons[0]?.title).toBe('Still running in the tray');
  });

  it('keeps the tray status in step with the servers', async () => {
    const { electron, plane } = await setup();
    plane.setLive('a', 'b');
    expect(electron.trays[0]!.tooltip).toBe('ARK ASA Server Manager: 2 servers running');
  });

  it('answers the bridge for its own window only', async () => {
    const { electron, plane } = await setup();
    await expect(electron.ipcMain.invoke(IpcChannel.APP_VERSION, trusted(electron, plane))).resolves.toBe('1.2.3');
    await electron.ipcMain.invoke(IpcChannel.OPEN_LOGS_FOLDER, trusted(electron, plane));
    expect(electron.shell.opened).toEqual([path.join(plane.dataDir, 'logs')]);
    const foreign = { sender: { id: 99 }, senderFrame: { url: `${plane.url}/` } };
    await expect(electron.ipcMain.invoke(IpcChannel.APP_VERSION, foreign)).rejects.toThrow('Not allowed');
  });

  it('brings an available update to the page and to the tray', async () => {
    const updater = new FakeUpdater();
    const { electron, plane } = await setup({ updater });
    updater.emit('update-available', { version: '0.2.0' });
    const sent = electron.windows[0]!.webContents.sent;
    expect(sent).toContainEqual({
      channel: IpcEvent.UPDATE_STATUS_CHANGED,
      args: [{ state: 'available', version: '0.2.0' }],
    });
    expect(electron.trays[0]!.item('Download update 0.2.0')).toBeDefined();
    await expect(electron.ipcMain.invoke(IpcChannel.UPDATE_STATUS, trusted(electron, plane))).resolves.toEqual({
      state: 'available',
      version: '0.2.0',
    });
    await electron.ipcMain.invoke(IpcChannel.UPDATE_DOWNLOAD, trusted(electron, plane));
    expect(updater.downloads).toBe(1);
  });

  it('installs an update only after the servers question', async () => {
    const updater = new FakeUpdater();
    const { electron, plane } = await setup({ updater });
    plane.setLive('a');
    updater.emit('update-downloaded', { version: '0.2.0' });
    electron.dialog.messageBoxAnswers.push(2);
    await electron.ipcMain.invoke(IpcChannel.UPDATE_INSTALL, trusted(electron, plane));
    expect(updater.installs).toEqual([]);
    electron.dialog.messageBoxAnswers.push(1);
    await electron.ipcMain.invoke(IpcChannel.UPDATE_INSTALL, trusted(electron, plane));
    expect(plane.stops).toEqual([{ stopServers: false }]);
    expect(updater.installs).toEqual([[true, true]]);
  });
});

describe('quitting', () => {
  it('asks, stops the servers as chosen, closes the control plane and then the window', async () => {
    const { electron, plane, dir } = await setup();
    const win = electron.windows[0]!;
    win.ready();
    win.bounds = { x: 5, y: 6, width: 1111, height: 777 };
    plane.setLive('a');
    electron.dialog.messageBoxAnswers.push(0);
    electron.trays[0]!.item('Quit')?.click?.({} as MenuItem, undefined, {});
    await settle();
    expect(plane.stops).toEqual([{ stopServers: true }]);
    expect(win.destroyed).toBe(true);
    expect(electron.app.quitted).toBe(true);
    expect(electron.trays[0]!.tooltip).toContain('stopping');
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'desktop-shell.json'), 'utf8')) as { window: unknown };
    expect(saved.window).toEqual({ bounds: { x: 5, y: 6, width: 1111, height: 777 }, maximized: false });
  });
});
