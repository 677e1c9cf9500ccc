import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir, type InspectProcess } from './data-dir-lock.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-lock-'));
  dirs.push(d);
  return d;
};
/** A live process of another program: a node child that only sleeps. */
const sleeper = (): ChildProcess => {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
};
const lockFile = (dir: string) => path.join(dir, 'manager.lock');

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('lockDataDir', () => {
  it('records pid, start time and executable, and removes its own lock on release', async () => {
    const dir = tempDir();
    const release = await lockDataDir(dir);
    const owner = JSON.parse(fs.readFileSync(lockFile(dir), 'utf8')) as {
      pid: number;
      startTimeMs: number;
      exePath: string;
    };
    expect(owner.pid).toBe(process.pid);
    expect(Math.abs(owner.startTimeMs - (Date.now() - process.uptime() * 1000))).toBeLessThan(5000);
    expect(owner.exePath).not.toBe('');
    release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it('takes over a lock whose pid now belongs to another program (other start time, read from the OS)', async () => {
    const dir = tempDir();
    const other = sleeper();
    fs.writeFileSync(
      lockFile(dir),
      JSON.stringify({ pid: other.pid, startTimeMs: Date.now() - 3_600_000, exePath: process.execPath }),
    );
    const release = await lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
  });

  it('refuses a lock held by a live manager in one line', async () => {
    const dir = tempDir();
    const manager = sleeper();
    await new Promise((r) => setTimeout(r, 100));
    // The live process exactly as the lock recorded it: the manager is running.
    const identity = { pid: manager.pid!, exePath: process.execPath, startTimeMs: 1_700_000_000_000 };
    const inspect: InspectProcess = (pid) => Promise.resolve(pid === manager.pid ? identity : null);
    fs.writeFileSync(lockFile(dir), JSON.stringify(identity));
    await expect(lockDataDir(dir, { inspect })).rejects.toThrow(
      `Another manager (pid ${manager.pid}) is already using ${dir}; stop it or choose another --data-dir`,
    );
  });

  it('still reads an old bare-pid lock: a dead pid, or a process started after the lock was written, is taken over', async () => {
    const dir = tempDir();
    const dead = sleeper();
    const deadPid = dead.pid!;
    dead.kill('SIGKILL');
    await new Promise((r) => dead.once('exit', r));
    fs.writeFileSync(lockFile(dir), String(deadPid));
    (await lockDataDir(dir))();

    const written = new Date(Date.now() - 3_600_000);
    const later = sleeper();
    fs.writeFileSync(lockFile(dir), String(later.pid));
    fs.utimesSync(lockFile(dir), written, written);
    (await lockDataDir(dir))();
  });

  it('refuses an old bare-pid lock whose live process started before the lock was written', async () => {
    const dir = tempDir();
    const manager = sleeper();
    await new Promise((r) => setTimeout(r, 200));
    fs.writeFileSync(lockFile(dir), String(manager.pid));
    await expect(lockDataDir(dir)).rejects.toThrow(/Another manager \(pid \d+\) is already using/);
  });
});
