/**
 * The shell with the real control plane in a real child process (only Electron is faked): it starts
 * app/cli.ts on the user data dir, the window gets its URL, the first-run server root goes in over
 * REST, the tray follows /ws, and quitting shuts the child down over the process channel, releasing
 * its port and its data-dir lock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StartControlPlane } from './control-plane-port.ts';
import { desktopPlaneStarter } from './desktop-plane.ts';
import { runShell } from './shell.ts';
import { FakeElectron, memoryLogger } from './testing/fake-electron.ts';
import { forkPlanes, type ForkedPlanes } from './testing/fork-plane.ts';

const dirs: string[] = [];
const forks: ForkedPlanes[] = [];
afterEach(() => {
  for (const f of forks.splice(0)) f.killAll();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function waitFor(check: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the desktop shell around the real control plane', { timeout: 60_000 }, () => {
  it('starts it as a child, serves the window, applies the server root, follows /ws and stops it on quit', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-real-'));
    dirs.push(dir);
    const userData = path.join(dir, 'userData');
    const electron = new FakeElectron(userData);
    electron.platform = 'linux';
    electron.app.paths.home = dir;
    const planes = forkPlanes();
    forks.push(planes);
    const logger = memoryLogger();
    const starter = desktopPlaneStarter({ launch: planes.launch, logger, reconnectMs: 50 });
    // Port 0: tests must not depend on 3000 being free.
    const start: StartControlPlane = (options) => starter({ ...options, port: 0 });
    const shell = await runShell({
      electron,
      startControlPlane: start,
      updater: null,
      logger,
      paths: { preload: '/p.cjs', staticDir: null, icon: '/i.png' },
      argv: [],
      statfs: (p) => fs.promises.statfs(p),
      mkdir: (d) => fs.mkdirSync(d, { recursive: true }),
    });
    expect(shell).not.toBeNull();
    expect(planes.children).toHaveLength(1);
    expect(planes.children[0]!.pid).not.toBe(process.pid);

    const url = electron.windows[0]!.loadedUrl!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/api/v1/health`);
    expect(health.status).toBe(200);
    // The window relies on the control plane's CSP for its pages (the shell adds one only where it
    // is missing); API answers carry a stricter one of their own.
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(health.headers.get('content-security-policy')).toContain("default-src 'none'");

    const serverRoot = path.join(dir, 'ARK-ASA-Servers');
    expect(fs.statSync(serverRoot).isDirectory()).toBe(true);
    const settings = (await (await fetch(`${url}/api/v1/settings`)).json()) as { dataRoot: string };
    expect(settings.dataRoot).toBe(serverRoot);
    expect(fs.existsSync(path.join(userData, 'manager.lock'))).toBe(true);
    expect(electron.trays[0]!.tooltip).toBe('ARK ASA Server Manager: no servers running');

    electron.app.quit();
    await waitFor(() => electron.app.quitted);
    expect(fs.existsSync(path.join(userData, 'manager.lock'))).toBe(false);
    await expect(fetch(`${url}/api/v1/health`)).rejects.toThrow();
    expect(logger.lines.find((l) => l.msg === 'control plane stopped')?.obj).toEqual({
      stopServers: false,
      serversLeftRunning: 0,
    });
  });
});
