import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlaneStartError, startPlaneInteractively } from './control-plane-port.ts';
import { ShellActions } from './shell-actions.ts';
import { FakeControlPlane } from './testing/fake-control-plane.ts';
import { FakeDialog, FakeElectron, memoryLogger } from './testing/fake-electron.ts';

function setup() {
  const electron = new FakeElectron('/tmp/user');
  const plane = new FakeControlPlane('/data');
  const actions = new ShellActions({
    electron,
    logger: memoryLogger(),
    plane: () => plane,
    window: () => null,
    updates: { status: () => ({ state: 'idle' }), download: () => Promise.resolve(), install: () => Promise.resolve() },
  });
  return { electron, plane, actions };
}

describe('shell actions', () => {
  it('stops every live server after a confirmation', async () => {
    const { electron, plane, actions } = setup();
    plane.setLive('i3', 'i250', 'i449');
    electron.dialog.messageBoxAnswers.push(1);
    await actions.stopAllServers();
    expect(plane.stoppedInstances).toEqual([]);
    electron.dialog.messageBoxAnswers.push(0);
    await actions.stopAllServers();
    expect(electron.dialog.messageBoxes[1]?.message).toBe('Stop all 3 running servers?');
    expect(plane.stoppedInstances).toEqual(['i3', 'i250', 'i449']);
  });

  it('does not ask when nothing runs', async () => {
    const { electron, actions } = setup();
    await actions.stopAllServers();
    expect(electron.dialog.messageBoxes).toEqual([]);
  });

  it('opens the logs and server folders and the API docs', async () => {
    const { electron, plane, actions } = setup();
    plane.settingsValue.dataRoot = 'D:\\ARK-ASA-Servers';
    await actions.openLogsFolder();
    actions.openServerFolder();
    actions.openInBrowser('/api/v1/docs');
    await new Promise((r) => setImmediate(r));
    expect(electron.shell.opened).toEqual([path.join('/data', 'logs'), 'D:\\ARK-ASA-Servers']);
    expect(electron.shell.external).toEqual(['http://127.0.0.1:3000/api/v1/docs']);
  });

  it('picks a folder, or null when cancelled', async () => {
    const { electron, actions } = setup();
    electron.dialog.openDialogAnswers.push({ canceled: false, filePaths: ['D:\\Backups'] });
    expect(await actions.pickFolder({ title: 'Backups' })).toBe('D:\\Backups');
    expect(electron.dialog.openDialogs[0]?.title).toBe('Backups');
    expect(await actions.pickFolder({})).toBeNull();
  });

  it('shows where things are in About', async () => {
    const { electron, actions } = setup();
    await actions.showAbout();
    expect(electron.dialog.messageBoxes[0]?.detail).toBe(
      'Version 1.2.3\nControl plane: http://127.0.0.1:3000\nData and logs: /data\nServer files: /data',
    );
  });
});

describe('starting the control plane', () => {
  const logger = memoryLogger();

  it('gives up with a message the user can act on', async () => {
    const dialog = new FakeDialog();
    const start = () =>
      Promise.reject(new Error('Listening on 0.0.0.0 exposes the manager to your network: give an access token'));
    expect(await startPlaneInteractively({ start, dialog, logger }, { dataDir: '/d' })).toBeNull();
    expect(dialog.errors[0]?.content).toContain('access token');
  });

  it('quits when the user declines a free port', async () => {
    const dialog = new FakeDialog();
    dialog.messageBoxAnswers.push(1);
    const start = () => Promise.reject(new PlaneStartError('port-in-use', 'Port 3000 is already in use'));
    expect(await startPlaneInteractively({ start, dialog, logger }, { dataDir: '/d' })).toBeNull();
    expect(dialog.errors).toEqual([]);
  });

  it('offers a free port for a port Windows reserved too, and says which port it chose', async () => {
    const dialog = new FakeDialog();
    const plane = new FakeControlPlane('/d');
    plane.url = 'http://127.0.0.1:49800';
    const ports: (number | undefined)[] = [];
    const start = (o: { port?: number }) => {
      ports.push(o.port);
      return o.port === 0
        ? Promise.resolve(plane)
        : Promise.reject(new PlaneStartError('forbidden', 'Not allowed to listen on port 3000; use a port above 1024'));
    };
    const started = await startPlaneInteractively({ start, dialog, logger }, { dataDir: '/d' });
    expect(dialog.messageBoxes[0]?.message).toBe('The manager’s port cannot be used');
    expect(dialog.messageBoxes[0]?.buttons).toEqual(['Use a free port', 'Quit']);
    expect(ports).toEqual([undefined, 0]);
    expect(started?.notice).toBe('The manager uses port 49800 this time. Choose a port for good in Settings.');
  });

  it('started hidden at log-in, takes a free port without asking and says which', async () => {
    const dialog = new FakeDialog();
    const plane = new FakeControlPlane('/d');
    plane.url = 'http://127.0.0.1:49802';
    const start = (o: { port?: number }) =>
      o.port === 0
        ? Promise.resolve(plane)
        : Promise.reject(new PlaneStartError('port-in-use', 'Port 3000 is already in use'));
    const started = await startPlaneInteractively({ start, dialog, logger, unattended: true }, { dataDir: '/d' });
    expect(dialog.messageBoxes).toEqual([]);
    expect(started?.notice).toBe('The manager uses port 49802 this time. Choose a port for good in Settings.');
  });

  it('lets the user accept or refuse the free port the control plane chose by itself', async () => {
    const plane = new FakeControlPlane('/d');
    plane.url = 'http://127.0.0.1:49801';
    plane.portFallback = { requestedPort: 3000, message: 'Port 3000 is in use; listening on port 49801 instead' };
    const dialog = new FakeDialog();
    const started = await startPlaneInteractively(
      { start: () => Promise.resolve(plane), dialog, logger },
      { dataDir: '/d' },
    );
    expect(dialog.messageBoxes[0]?.detail).toContain('Port 49801 is free.');
    expect(started?.notice).toBe(
      'Port 3000 is in use; listening on port 49801 instead. Choose a port for good in Settings.',
    );
    dialog.messageBoxAnswers.push(1);
    expect(
      await startPlaneInteractively({ start: () => Promise.resolve(plane), dialog, logger }, { dataDir: '/d' }),
    ).toBeNull();
    expect(plane.stops).toEqual([{ stopServers: false }]);
  });
});
