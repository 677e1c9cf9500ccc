// Starting a server so that it outlives the manager, shared by both hosts.
import { spawn, type ChildProcess, type SpawnOptions as NodeSpawnOptions } from 'node:child_process';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import type { ProcessExit } from './process-host.ts';

/** node:child_process `spawn`, injectable so tests can see the options a host passes. */
export type SpawnFn = (file: string, args: readonly string[], options: NodeSpawnOptions) => ChildProcess;

export const nodeSpawn: SpawnFn = (file, args, options) => spawn(file, args, options);

export interface Started {
  pid: number;
  exited: Promise<ProcessExit>;
}

function startFailed(exePath: string, err: unknown): AppError {
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError(ErrorCode.START_FAILED, `Could not start ${exePath}: ${reason}`, undefined, { cause: err });
}

/**
 * Spawns and resolves once the OS has confirmed the start ('spawn') or rejects when it refused it
 * ('error': missing file, no permission). The child is unref'd so the manager may exit while the
 * server keeps running; its 'exit' event still arrives for as long as the manager lives.
 */
export function startDetached(
  spawnFn: SpawnFn,
  exePath: string,
  args: readonly string[],
  options: NodeSpawnOptions,
): Promise<Started> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawnFn(exePath, args, options);
    } catch (err) {
      // Node throws synchronously for some refusals (e.g. EINVAL for .bat/.cmd on Windows).
      reject(startFailed(exePath, err));
      return;
    }
    // Listen before anything else: a server that dies at once would otherwise exit unheard.
    const exited = new Promise<ProcessExit>((done) => child.once('exit', (code, signal) => done({ code, signal })));
    // Stays attached after the start: an 'error' without a listener would crash the manager
    // (after 'spawn', reject is a no-op).
    child.on('error', (err) => reject(startFailed(exePath, err)));
    child.once('spawn', () => {
      child.unref();
      if (child.pid === undefined) reject(startFailed(exePath, new Error('no pid')));
      else resolve({ pid: child.pid, exited });
    });
  });
}
