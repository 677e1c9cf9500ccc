/**
 * The shell's side of the process channel against the real control-plane entry (app/cli.ts, the
 * entry of `npm run serve`, forked with tsx behind the same launcher interface as Electron's utility
 * process): ready, REST and /ws through the desktop client, session end, shutdown → stopped, a crash
 * → a restart on the same port, a refused start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlaneStartError, type PlaneLifecycleEvent } from './control-plane-port.ts';
import { desktopPlaneStarter, type DesktopPlane } from './desktop-plane.ts';
import { forkPlanes, type ForkedPlanes } from './testing/fork-plane.ts';
import { memoryLogger } from './testing/fake-electron.ts';

const dirs: string[] = [];
const forks: ForkedPlanes[] = [];
afterEach(() => {
  for (const f of forks.splice(0)) f.killAll();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plane-host-'));
  dirs.push(dataDir);
  const planes = forkPlanes();
  forks.push(planes);
  const logger = memoryLogger();
  const start = desktopPlaneStarter({
    launch: planes.launch,
    logger,
    tuning: { restartDelayMs: 0, startTimeoutMs: 25_000 },
    reconnectMs: 50,
  });
  return { dataDir, planes, logger, start };
}

async function waitFor<T>(check: () => T | undefined | null | false, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const lockFile = (dataDir: string) => path.join(dataDir, 'manager.lock');

// Each test starts real Node children with the tsx loader: seconds each on a busy machine.
describe('the control plane in a child process', { timeout: 90_000 }, () => {
  it('gets ready, answers REST as the shell uses it, saves at session end and stops on shutdown', async () => {
    const { dataDir, planes, start } = setup();
    const plane = (await start({ dataDir, port: 0 })) as DesktopPlane;
    expect(plane.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(plane.dataDir).toBe(dataDir);
    expect((await fetch(`${plane.url}/api/v1/health`)).status).toBe(200);

    expect((await plane.settings()).dataRoot).toBe(dataDir);
    const root = path.join(dataDir, 'servers');
    await plane.updateSettings({ dataRoot: root });
    expect((await plane.settings()).dataRoot).toBe(root);
    expect(await plane.liveInstanceIds()).toEqual([]);

    // The /ws stream reaches the shell's subscribers.
    const heard: string[] = [];
    plane.subscribe((e) => heard.push(e.event));
    await waitFor(() => plane.eventsConnected);
    const created = await fetch(`${plane.url}/api/v1/instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Island', settings: { sessionName: 'Island' } }),
    });
    expect(created.status).toBe(201);
    await waitFor(() => heard.includes('instance:created'));
    expect(await plane.countRunning()).toBe(0);

    expect(await plane.sessionEnd(2000)).toEqual({ v: 1, type: 'session-saved', saved: 0, failed: [] });

    await plane.stop({ stopServers: false });
    expect(planes.children).toHaveLength(1);
    expect(fs.existsSync(lockFile(dataDir))).toBe(false);
    await expect(fetch(`${plane.url}/api/v1/health`)).rejects.toThrow();
  });

  it('starts it again on the same port when it dies, and the client follows', async () => {
    const { dataDir, planes, start } = setup();
    const plane = (await start({ dataDir, port: 0 })) as DesktopPlane;
    const events: PlaneLifecycleEvent[] = [];
    plane.onLifecycle((e) => events.push(e));
    const url = plane.url;

    process.kill(planes.children[0]!.pid!, 'SIGKILL');
    await waitFor(() => events.find((e) => e.type === 'restarted'));
    expect(events).toEqual([
      { type: 'restarting', attempt: 1 },
      { type: 'restarted', url, urlChanged: false },
    ]);
    expect(planes.children).toHaveLength(2);
    expect((await plane.settings()).dataRoot).toBe(dataDir);
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);

    await plane.stop({ stopServers: false });
    expect(fs.existsSync(lockFile(dataDir))).toBe(false);
  });

  it('gives up after too many deaths in a short time', async () => {
    const { dataDir, planes } = setup();
    const logger = memoryLogger();
    const start = desktopPlaneStarter({
      launch: planes.launch,
      logger,
      tuning: { restartDelayMs: 0, maxRestarts: 1, startTimeoutMs: 25_000 },
    });
    const plane = await start({ dataDir, port: 0 });
    const events: PlaneLifecycleEvent[] = [];
    plane.onLifecycle((e) => events.push(e));
    process.kill(planes.children[0]!.pid!, 'SIGKILL');
    await waitFor(() => events.find((e) => e.type === 'restarted'));
    process.kill(planes.children[1]!.pid!, 'SIGKILL');
    const lost = await waitFor(() => events.find((e) => e.type === 'lost'));
    expect(lost).toMatchObject({ type: 'lost', message: expect.stringMatching(/stopped 2 times within 5 minutes/) });
    expect(planes.children).toHaveLength(2);
  });

  it('reports why it could not start (a data directory in use)', async () => {
    const { dataDir, start } = setup();
    const first = await start({ dataDir, port: 0 });
    const second = start({ dataDir, port: 0 });
    await expect(second).rejects.toBeInstanceOf(PlaneStartError);
    await expect(second).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already using/) });
    await first.stop({ stopServers: false });
  });
});
