import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PLANE_SERVICE_NAME, utilityProcessLauncher, type UtilityProcessLike } from './plane-launchers.ts';

/** Electron's UtilityProcess as far as the binding uses it. */
class FakeUtilityProcess extends EventEmitter implements UtilityProcessLike {
  readonly pid = 4321;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  kills = 0;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.kills += 1;
    return true;
  }
}

describe('the utility-process binding', () => {
  it('forks the entry as a named service with piped output, and relays both ways', () => {
    const forks: { entry: string; args: string[]; options: unknown }[] = [];
    const proc = new FakeUtilityProcess();
    const launch = utilityProcessLauncher((entry, args, options) => {
      forks.push({ entry, args, options });
      return proc;
    }, '/app/out/main/control-plane.js');
    const child = launch(['--data-dir', '/d']);
    expect(forks).toEqual([
      {
        entry: '/app/out/main/control-plane.js',
        args: ['--data-dir', '/d'],
        options: { serviceName: PLANE_SERVICE_NAME, stdio: 'pipe' },
      },
    ]);
    expect(child.pid).toBe(4321);

    const heard: unknown[] = [];
    const exits: (number | null)[] = [];
    child.onMessage((m) => heard.push(m));
    child.onExit((code) => exits.push(code));
    child.postMessage({ v: 1, type: 'shutdown', stopServers: false });
    expect(proc.posted).toEqual([{ v: 1, type: 'shutdown', stopServers: false }]);
    proc.emit('message', { v: 1, type: 'stopped', serversLeftRunning: 0 });
    expect(heard).toEqual([{ v: 1, type: 'stopped', serversLeftRunning: 0 }]);

    // stdout is drained (a full pipe would block the control plane's writes); stderr's end is kept.
    expect(proc.stdout.listenerCount('data')).toBe(1);
    proc.stderr.write('x'.repeat(5000));
    proc.stderr.write('Cannot start: Port 3000 is already in use\n');
    expect(child.stderrTail()).toHaveLength(4000);
    expect(child.stderrTail().endsWith('Cannot start: Port 3000 is already in use\n')).toBe(true);

    child.kill();
    expect(proc.kills).toBe(1);
    proc.emit('exit', 0);
    expect(exits).toEqual([0]);
  });
});
