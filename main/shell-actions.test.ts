import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveInstanceIds, startPlaneInteractively } from './control-plane-port.ts';
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
  it('stops every live server after a confirmation, across pages of instances', async () => {
    const { electron, plane, actions } = setup();
    for (let i = 0; i < 450; i += 1) plane.instanceIds.push(`i${i}`);
    for (const id of ['i3', 'i250', 'i449']) plane.live.add(id);
    electron.dialog.messageBoxAnswers.push(1);
    await actions.stopAllServers();
    expect(plane.stoppedInstances).toEqual([]);
    electron.dialog.messageBoxAnswers.push(0);
    await actions.stopAllServers();
    expect(electron.dialog.messageBoxes[1]?.message).toBe('Stop all 3 running servers?');
    expect(plane.stoppedInstances.map((s) => s.id)).toEqual(['i3', 'i250', 'i449']);
  });

  it('does not ask when nothing runs', async () => {
    const { electron, actions } = setup();
    await actions.stopAllServers();
    expect(electron.dialog.messageBoxes).toEqual([]);
  });

  it('opens the logs and server folders and the API docs', async () => {
    const { electron, plane, actions } = setup();
    plane.settings.dataRoot = 'D:\\ARK-ASA-Servers';
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
    const start = () =>
      Promise.reject(Object.assign(new Error('Port 3000 is already in use'), { code: 'port-in-use' }));
    expect(await startPlaneInteractively({ start, dialog, logger }, { dataDir: '/d' })).toBeNull();
    expect(dialog.errors).toEqual([]);
  });

  it('lists live instances page by page', () => {
    const plane = new FakeControlPlane('/d');
    plane.instanceIds.push('a', 'b');
    plane.live.add('b');
    expect(liveInstanceIds(plane.services)).toEqual(['b']);
  });
});
