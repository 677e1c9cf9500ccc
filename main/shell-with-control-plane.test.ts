/**
 * The shell with the real control plane (only Electron is faked): it starts in-process on the user
 * data dir, answers over real HTTP with its own CSP, takes the first-run server root, and closes
 * cleanly on quit, releasing its port and its data-dir lock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startControlPlane } from '../app/control-plane.ts';
import type { StartControlPlane } from './control-plane-port.ts';
import { runShell } from './shell.ts';
import { FakeElectron, memoryLogger } from './testing/fake-electron.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the desktop shell around the real control plane', () => {
  it('starts, serves the window, applies the server root and stops on quit', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-real-'));
    dirs.push(dir);
    const userData = path.join(dir, 'userData');
    const electron = new FakeElectron(userData);
    electron.platform = 'linux';
    electron.app.paths.home = dir;
    // Port 0: tests must not depend on 3000 being free.
    const start: StartControlPlane = (options) =>
      startControlPlane({ ...options, port: 0, logger: pino({ level: 'silent' }) });
    const shell = await runShell({
      electron,
      startControlPlane: start,
      updater: null,
      logger: memoryLogger(),
      paths: { preload: '/p.cjs', staticDir: path.resolve(import.meta.dirname, '../renderer/dist'), icon: '/i.png' },
      argv: [],
      statfs: (p) => fs.promises.statfs(p),
      mkdir: (d) => fs.mkdirSync(d, { recursive: true }),
    });
    expect(shell).not.toBeNull();

    const url = electron.windows[0]!.loadedUrl!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/api/v1/health`);
    expect(health.status).toBe(200);
    // The window relies on the control plane's CSP (the shell adds one only where it is missing).
    expect(health.headers.get('content-security-policy')).toContain("script-src 'self'");

    const serverRoot = path.join(dir, 'ARK-ASA-Servers');
    expect(fs.statSync(serverRoot).isDirectory()).toBe(true);
    const settings = (await (await fetch(`${url}/api/v1/settings`)).json()) as { dataRoot: string };
    expect(settings.dataRoot).toBe(serverRoot);
    expect(fs.existsSync(path.join(userData, 'manager.lock'))).toBe(true);

    electron.app.quit();
    await waitFor(() => electron.app.quitted);
    expect(fs.existsSync(path.join(userData, 'manager.lock'))).toBe(false);
    await expect(fetch(`${url}/api/v1/health`)).rejects.toThrow();
  });
});
