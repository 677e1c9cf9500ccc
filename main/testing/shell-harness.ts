/** The desktop shell on fakes: Electron, the control plane and the disk probes, with what it did to inspect. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StartControlPlane } from '../control-plane-port.ts';
import type { PlaneOptions } from '../plane-host.ts';
import { runShell, type Shell, type ShellDeps } from '../shell.ts';
import { FakeControlPlane } from './fake-control-plane.ts';
import { FakeElectron, memoryLogger, type FakeUpdater } from './fake-electron.ts';

const dirs: string[] = [];
const shells: Shell[] = [];
/** For afterEach: stops the shells' timers and removes their directories. */
export function cleanupShells(): void {
  for (const s of shells.splice(0)) s.updates.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export interface SetupOptions {
  argv?: string[];
  lockGranted?: boolean;
  updater?: FakeUpdater;
  /** Replaces the fake control plane's start (failures). */
  start?: (options: PlaneOptions, plane: FakeControlPlane) => Promise<FakeControlPlane>;
  /** Skip the first-run question by having a server root already. */
  serverRootChosen?: boolean;
}

export async function setupShell(opts: SetupOptions = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-'));
  dirs.push(dir);
  const electron = new FakeElectron(dir);
  electron.app.lockGranted = opts.lockGranted ?? true;
  const plane = new FakeControlPlane(dir);
  if (opts.serverRootChosen ?? true) plane.settingsValue.dataRoot = 'E:\\Servers';
  const starts: PlaneOptions[] = [];
  const startControlPlane: StartControlPlane = (options) => {
    starts.push(options);
    return opts.start ? opts.start(options, plane) : Promise.resolve(plane);
  };
  const made: string[] = [];
  const logger = memoryLogger();
  const deps: ShellDeps = {
    electron,
    startControlPlane,
    updater: opts.updater ?? null,
    logger,
    paths: { preload: '/app/out/preload/preload.cjs', staticDir: '/app/renderer/dist', icon: '/app/build/icon.ico' },
    argv: opts.argv ?? ['ARK ASA Server Manager.exe'],
    statfs: (root) =>
      root === 'D:\\' ? Promise.resolve({ bavail: 1e9, bsize: 4096 }) : Promise.reject(new Error('ENOENT')),
    mkdir: (d) => void made.push(d),
  };
  const shell = await runShell(deps);
  if (shell) shells.push(shell);
  return { dir, electron, plane, starts, shell, made, logger };
}

/** An invoke event from the shell's own window showing a page of the control plane. */
export function trusted(electron: FakeElectron, plane: FakeControlPlane) {
  return { sender: { id: electron.windows[0]!.webContents.id }, senderFrame: { url: `${plane.url}/instances` } };
}
