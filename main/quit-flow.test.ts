import { describe, expect, it } from 'vitest';
import { QuitFlow, SESSION_END_DEADLINE_MS, type StoppablePlane } from './quit-flow.ts';
import { FakeElectron, memoryLogger } from './testing/fake-electron.ts';

class Plane implements StoppablePlane {
  running = 0;
  readonly stops: { stopServers?: boolean }[] = [];
  readonly sessionEnds: number[] = [];
  saved: { saved: number; failed: { instanceId: string; message: string }[] } | null = { saved: 0, failed: [] };
  fail = false;
  countRunning(): Promise<number> {
    return Promise.resolve(this.running);
  }
  sessionEnd(deadlineMs: number) {
    this.sessionEnds.push(deadlineMs);
    return Promise.resolve(this.saved);
  }
  stop(how: { stopServers?: boolean }): Promise<void> {
    this.stops.push(how);
    return this.fail ? Promise.reject(new Error('boom')) : Promise.resolve();
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(running = 0) {
  const electron = new FakeElectron('/tmp/user');
  const plane = new Plane();
  plane.running = running;
  let shutdowns = 0;
  const logger = memoryLogger();
  const flow = new QuitFlow({
    app: electron.app,
    dialog: electron.dialog,
    logger,
    plane: () => plane,
    onShutdown: () => void (shutdowns += 1),
  });
  flow.install();
  return { electron, plane, flow, logger, shutdowns: () => shutdowns };
}

describe('quitting', () => {
  it('with no server running: stops the control plane without asking, then really quits', async () => {
    const { electron, plane, shutdowns } = setup(0);
    electron.app.quit();
    expect(electron.app.quitted).toBe(false);
    await settle();
    expect(electron.dialog.messageBoxes).toHaveLength(0);
    expect(plane.stops).toEqual([{ stopServers: false }]);
    expect(shutdowns()).toBe(1);
    expect(electron.app.quitted).toBe(true);
  });

  it('asks when servers run, and stops them gracefully when told to', async () => {
    const { electron, plane } = setup(2);
    electron.dialog.messageBoxAnswers.push(0);
    electron.app.quit();
    await settle();
    const box = electron.dialog.messageBoxes[0]!;
    expect(box.message).toBe('2 servers are still running.');
    expect(box.buttons).toEqual(['Stop servers and quit', 'Leave them running and quit', 'Cancel']);
    expect(box.defaultId).toBe(1);
    expect(box.cancelId).toBe(2);
    expect(plane.stops).toEqual([{ stopServers: true }]);
    expect(electron.app.quitted).toBe(true);
  });

  it('leaves the servers running when told to', async () => {
    const { electron, plane } = setup(1);
    electron.dialog.messageBoxAnswers.push(1);
    electron.app.quit();
    await settle();
    expect(electron.dialog.messageBoxes[0]?.message).toBe('1 server is still running.');
    expect(plane.stops).toEqual([{ stopServers: false }]);
    expect(electron.app.quitted).toBe(true);
  });

  it('cancel keeps everything running, and a later quit asks again', async () => {
    const { electron, plane, flow } = setup(1);
    electron.dialog.messageBoxAnswers.push(2);
    electron.app.quit();
    await settle();
    expect(plane.stops).toEqual([]);
    expect(electron.app.quitted).toBe(false);
    expect(flow.isQuitting()).toBe(false);
    electron.dialog.messageBoxAnswers.push(1);
    electron.app.quit();
    await settle();
    expect(electron.dialog.messageBoxes).toHaveLength(2);
    expect(electron.app.quitted).toBe(true);
  });

  it('ignores more quit requests while it asks or stops', async () => {
    const { electron, plane } = setup(1);
    electron.app.quit();
    electron.app.quit();
    electron.app.quit();
    await settle();
    expect(electron.dialog.messageBoxes).toHaveLength(1);
    expect(plane.stops).toHaveLength(1);
  });

  it('still quits when the control plane fails to stop', async () => {
    const { electron, plane, logger } = setup(0);
    plane.fail = true;
    electron.app.quit();
    await settle();
    expect(electron.app.quitted).toBe(true);
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true);
  });

  it('does not quit when the last window closes (the tray keeps the app)', () => {
    const { electron } = setup(0);
    expect(electron.app.listenerCount('window-all-closed')).toBe(1);
  });

  it('asks the update question and hands over to the installer', async () => {
    const { electron, plane, flow } = setup(3);
    electron.dialog.messageBoxAnswers.push(0);
    let installed = 0;
    expect(await flow.quit('update', () => void (installed += 1))).toBe(true);
    expect(electron.dialog.messageBoxes[0]?.message).toBe(
      'Installing the update restarts the manager. 3 servers are still running.',
    );
    expect(electron.dialog.messageBoxes[0]?.buttons?.[0]).toBe('Stop servers and update');
    expect(plane.stops).toEqual([{ stopServers: true }]);
    expect(installed).toBe(1);
    // The installer's own app.quit() now goes straight through.
    electron.app.quit();
    expect(electron.app.quitted).toBe(true);
  });

  it('at Windows log-off, saves every world within the deadline, then closes without questions', async () => {
    const { electron, plane, flow, logger, shutdowns } = setup(2);
    plane.saved = { saved: 2, failed: [] };
    await flow.sessionEnd();
    expect(plane.sessionEnds).toEqual([SESSION_END_DEADLINE_MS]);
    expect(SESSION_END_DEADLINE_MS).toBeLessThan(5000);
    expect(electron.dialog.messageBoxes).toHaveLength(0);
    expect(plane.stops).toEqual([{ stopServers: false }]);
    expect(flow.isQuitting()).toBe(true);
    expect(shutdowns()).toBe(1);
    expect(logger.lines.find((l) => l.msg === 'worlds saved for the session end')?.obj).toEqual({
      saved: 2,
      failed: [],
    });
    // A later quit (Electron's own, as the session ends) goes straight through.
    electron.app.quit();
    expect(electron.app.quitted).toBe(true);
  });

  it('still closes at log-off when the worlds were not confirmed saved in time', async () => {
    const { plane, flow, logger } = setup(1);
    plane.saved = null;
    await flow.sessionEnd();
    expect(plane.stops).toEqual([{ stopServers: false }]);
    expect(logger.lines.some((l) => l.level === 'error' && /did not confirm/.test(l.msg))).toBe(true);
  });
});
