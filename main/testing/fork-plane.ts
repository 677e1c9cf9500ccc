/**
 * The real control-plane entry (app/cli.ts, what `npm run serve` runs) as a Node child with an IPC
 * channel, behind the same `PlaneLauncher` as Electron's utility process: the shell's side of the
 * process channel is tested against the real thing.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { forkedPlaneChild } from '../plane-launchers.ts';
import type { PlaneChild, PlaneLauncher } from '../plane-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');

export interface ForkedPlanes {
  launch: PlaneLauncher;
  /** Every child started, in order (restarts included). */
  readonly children: PlaneChild[];
  /** Ends every child still running (test clean-up). */
  killAll(): void;
}

export function forkPlanes(entry = 'app/cli.ts'): ForkedPlanes {
  const children: PlaneChild[] = [];
  const alive = new Set<PlaneChild>();
  const launch: PlaneLauncher = (args) => {
    const child = fork(path.join(ROOT, entry), args, {
      cwd: ROOT,
      execArgv: ['--import', TSX],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const plane = forkedPlaneChild(child);
    children.push(plane);
    alive.add(plane);
    plane.onExit(() => alive.delete(plane));
    return plane;
  };
  return { launch, children, killAll: () => [...alive].forEach((c) => c.kill()) };
}
