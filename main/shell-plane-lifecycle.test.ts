/** The shell around its control-plane child: sleep prevention, restarts, giving up, session end. */
import { afterEach, describe, expect, it } from 'vitest';
import { IpcChannel } from './ipc-channels.ts';
import { HIDDEN_ARG } from './login-item.ts';
import { SESSION_END_DEADLINE_MS } from './quit-flow.ts';
import { FakeEvent } from './testing/fake-emitter.ts';
import { cleanupShells, setupShell, trusted } from './testing/shell-harness.ts';

afterEach(cleanupShells);

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('sleep', () => {
  it('keeps the computer awake while a server runs, and lets it sleep at zero', async () => {
    const { electron, plane } = await setupShell();
    const blocker = electron.powerSaveBlocker;
    expect(blocker.active.size).toBe(0);
    plane.setLive('a');
    plane.setLive('a', 'b');
    expect([...blocker.active.values()]).toEqual(['prevent-app-suspension']);
    expect(electron.trays[0]!.tooltip).toBe('ARK ASA Server Manager: 2 servers running');
    plane.setLive();
    expect(blocker.active.size).toBe(0);
    plane.setLive('c');
    expect(blocker.started).toEqual(['prevent-app-suspension', 'prevent-app-suspension']);
  });

  it('lets go when quitting', async () => {
    const { electron, plane } = await setupShell();
    plane.setLive('a');
    electron.dialog.messageBoxAnswers.push(1);
    electron.app.quit();
    await settle();
    expect(electron.app.quitted).toBe(true);
    expect(electron.powerSaveBlocker.active.size).toBe(0);
  });
});

describe('the control plane dies', () => {
  it('says so while it restarts, and reloads the window when it is back', async () => {
    const { electron, plane } = await setupShell();
    const win = electron.windows[0]!;
    win.loadedUrl = null;
    plane.emitLifecycle({ type: 'restarting', attempt: 1 });
    expect(electron.trays[0]!.balloons.at(-1)?.title).toBe('The manager’s service stopped');
    plane.emitLifecycle({ type: 'restarted', url: plane.url, urlChanged: false });
    expect(win.loadedUrl).toBe('http://127.0.0.1:3000');
    expect(electron.trays[0]!.balloons.at(-1)).toMatchObject({
      title: 'The manager’s service is back',
      content: 'The window was reloaded.',
    });
  });

  it('follows it to another port: window, session fences and the bridge', async () => {
    const { electron, plane } = await setupShell();
    const oldFrame = trusted(electron, plane);
    plane.emitLifecycle({ type: 'restarted', url: 'http://127.0.0.1:3001', urlChanged: true });
    expect(electron.windows[0]!.loadedUrl).toBe('http://127.0.0.1:3001');
    expect(electron.session.headersReceived?.urls).toEqual(['http://127.0.0.1:3001/*', 'ws://127.0.0.1:3001/*']);
    await expect(electron.ipcMain.invoke(IpcChannel.APP_VERSION, trusted(electron, plane))).resolves.toBe('1.2.3');
    await expect(electron.ipcMain.invoke(IpcChannel.APP_VERSION, oldFrame)).rejects.toThrow('Not allowed');
    expect(electron.windows[0]!.webContents.navigate('http://127.0.0.1:3001/settings')).toBe(true);
    expect(electron.trays[0]!.balloons.at(-1)?.content).toBe('It now listens on http://127.0.0.1:3001.');
  });

  it('gives up: tells the user where to look, and exits', async () => {
    const { electron, plane, dir } = await setupShell();
    plane.setLive('a');
    plane.emitLifecycle({
      type: 'lost',
      message: 'The control plane stopped 4 times within 5 minutes; it is not started again.',
    });
    expect(electron.dialog.errors[0]?.title).toBe('ARK ASA Server Manager stopped working');
    expect(electron.dialog.errors[0]?.content).toContain('Game servers that were running keep running');
    expect(electron.dialog.errors[0]?.content).toContain(dir);
    expect(electron.app.exitCode).toBe(1);
    expect(electron.powerSaveBlocker.active.size).toBe(0);
  });
});

describe('the session ends', () => {
  it('Windows log-off: saves every world, then closes the control plane without questions', async () => {
    const { electron, plane } = await setupShell();
    plane.setLive('a', 'b');
    plane.sessionSaved = { v: 1, type: 'session-saved', saved: 2, failed: [] };
    electron.windows[0]!.emit('session-end');
    await settle();
    expect(plane.sessionEnds).toEqual([SESSION_END_DEADLINE_MS]);
    expect(plane.stops).toEqual([{ stopServers: false }]);
    expect(electron.dialog.messageBoxes).toEqual([]);
  });

  it('Windows log-off while only in the tray: the invisible watcher hears it', async () => {
    const { electron, plane } = await setupShell({ argv: ['ARK ASA Server Manager.exe', HIDDEN_ARG] });
    expect(electron.windows).toHaveLength(1);
    electron.windows[0]!.emit('session-end');
    await settle();
    expect(plane.sessionEnds).toEqual([SESSION_END_DEADLINE_MS]);
    expect(plane.stops).toEqual([{ stopServers: false }]);
  });

  it('Linux or macOS shutdown: delays it, saves, then quits', async () => {
    const { electron, plane } = await setupShell();
    plane.setLive('a');
    const event = new FakeEvent();
    electron.monitor.emit('shutdown', event);
    expect(event.defaultPrevented).toBe(true);
    await settle();
    expect(plane.sessionEnds).toEqual([SESSION_END_DEADLINE_MS]);
    expect(plane.stops).toEqual([{ stopServers: false }]);
    expect(electron.dialog.messageBoxes).toEqual([]);
    expect(electron.app.quitted).toBe(true);
  });
});

describe('a port chosen for this session', () => {
  it('tells which one in the tray', async () => {
    const { electron } = await setupShell({
      start: (o, plane) => {
        plane.url = 'http://127.0.0.1:49800';
        plane.portFallback = { requestedPort: 3000, message: 'Port 3000 is in use; listening on port 49800 instead' };
        return Promise.resolve(plane);
      },
    });
    expect(electron.dialog.messageBoxes[0]?.buttons).toEqual(['Use a free port', 'Quit']);
    expect(electron.trays[0]!.balloons[0]).toMatchObject({
      title: 'Another port this time',
      content: 'Port 3000 is in use; listening on port 49800 instead. Choose a port for good in Settings.',
    });
  });
});
