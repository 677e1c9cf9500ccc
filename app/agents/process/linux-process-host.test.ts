// Real processes: launchers written as bash scripts that `exec -a "$0" node …`, so argv[0] is the
// path we spawned. Linux-only code read through /proc, so every suite here runs on Linux only
// (describe.runIf); Windows has its own host and tests (windows-process-host.test.ts).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { LinuxProcessHost } from './linux-process-host.ts';
import type { HostedProcess } from './process-host.ts';
import { pidExists } from './process-watch.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'process-host '));
const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const NODE = q(process.execPath);
const started: number[] = [];

function launcher(name: string, body: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, ['#!/usr/bin/env bash', ...body, ''].join('\n'));
  chmodSync(file, 0o755);
  return file;
}

const idle = launcher('idle server', [`exec -a "$0" ${NODE} -e 'setInterval(() => {}, 1000)'`]);
const exits3 = launcher('exits-3', ['exit 3']);
// Holds 64 MiB (touched, so resident) and keeps one core busy.
const hungry = launcher('hungry server', [
  `exec -a "$0" ${NODE} -e 'globalThis.keep = Buffer.alloc(64 * 1024 * 1024, 1); for (;;) {}'`,
]);
// Launchers that do not preserve argv[0] (as wine/Proton or a plain `exec` wrapper do).
const renaming = launcher('renaming launcher', [`exec -a ark-wrapper ${NODE} -e 'setInterval(() => {}, 1000)'`]);
const wandering = launcher('wandering launcher', [
  `cd /`,
  `exec -a ark-wrapper ${NODE} -e 'setInterval(() => {}, 1000)'`,
]);

async function spawnTracked(host: LinuxProcessHost, exe: string): Promise<HostedProcess> {
  const p = await host.spawn(exe, [], { cwd: dir });
  started.push(p.pid);
  return p;
}

function readPidFile(file: string): number {
  return Number(readFileSync(file, 'utf8').trim());
}

afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('LinuxProcessHost with real processes', () => {
  const host = new LinuxProcessHost({ adoptPollMs: 50 });

  it('spawns detached and identifies the process by the launcher path and its start time', async () => {
    const p = await spawnTracked(host, idle);
    expect(p.exePath).toBe(idle);
    expect(Math.abs(p.startTimeMs - Date.now())).toBeLessThan(5000);
    // Until bash runs `exec -a`, argv[0] is still the interpreter's; afterwards it is the launcher.
    await vi.waitFor(async () => expect((await host.inspect(p.pid))?.exePath).toBe(idle), { timeout: 10_000 });
    const seen = await host.inspect(p.pid);
    expect(seen?.pid).toBe(p.pid);
    expect(Math.abs((seen?.startTimeMs ?? 0) - p.startTimeMs)).toBeLessThanOrEqual(1000);
    // Its own process group: the server does not share the manager's terminal signals.
    const stat = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    expect(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])).toBe(p.pid);
  });

  it('leaves the server running when the manager process exits', async () => {
    const loader = path.resolve(import.meta.dirname, '../../../node_modules/tsx/dist/loader.mjs');
    const hostModule = path.join(import.meta.dirname, 'linux-process-host.ts');
    const manager = [
      `const { LinuxProcessHost } = await import(${JSON.stringify(hostModule)});`,
      `const p = await new LinuxProcessHost().spawn(${JSON.stringify(idle)}, [], { cwd: ${JSON.stringify(dir)} });`,
      'console.log(JSON.stringify({ pid: p.pid, exePath: p.exePath, startTimeMs: p.startTimeMs }));',
    ].join('\n');
    // The manager exits on its own once its work is done: the unref'd server must not hold it.
    const out = execFileSync(process.execPath, ['--import', loader, '--input-type=module', '-e', manager], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    const recorded = JSON.parse(out.trim()) as HostedProcess;
    started.push(recorded.pid);
    await vi.waitFor(async () => expect((await host.inspect(recorded.pid))?.exePath).toBe(idle), { timeout: 10_000 });
    expect(await host.adopt(recorded)).toMatchObject({ pid: recorded.pid });
  });

  it('resolves exited with the code of a process that ends by itself', async () => {
    const p = await spawnTracked(host, exits3);
    expect(await p.exited).toEqual({ code: 3, signal: null });
    expect(await host.inspect(p.pid)).toBeNull();
  });

  it('refuses a relative path and reports a missing executable as start-failed', async () => {
    await expect(host.spawn('idle server', [], { cwd: dir })).rejects.toMatchObject({ code: 'start-failed' });
    await expect(host.spawn(path.join(dir, 'missing'), [], { cwd: dir })).rejects.toMatchObject({
      code: 'start-failed',
    });
  });

  it('passes the arguments untouched and the environment given', async () => {
    const out = path.join(dir, 'args.json');
    const exe = launcher('echo-args', [
      `exec -a "$0" ${NODE} -e 'require("fs").writeFileSync(process.env.OUT, JSON.stringify(process.argv.slice(1)))' "$@"`,
    ]);
    const args = ['TheIsland_WP?listen?SessionName=My "Ark" $(x)', '-NoBattlEye', ''];
    const withEnv = await host.spawn(exe, args, { cwd: dir, env: { PATH: process.env.PATH, OUT: out } });
    await withEnv.exited;
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(args);
  });

  it('kills a process and its child, also a child that left the process group', async () => {
    const childPidFile = path.join(dir, 'grandchild.pid');
    const parent = launcher('parent', [
      `setsid ${NODE} -e 'setInterval(() => {}, 1000)' &`,
      `echo $! > ${q(childPidFile)}`,
      'wait',
    ]);
    const p = await spawnTracked(host, parent);
    await vi.waitFor(() => expect(readPidFile(childPidFile)).toBeGreaterThan(0), { timeout: 10_000 });
    const grandchild = readPidFile(childPidFile);
    started.push(grandchild);
    await vi.waitFor(async () => expect(await host.inspect(grandchild)).not.toBeNull(), { timeout: 10_000 });

    await host.killTree(p.pid);
    expect(await host.inspect(p.pid)).toBeNull();
    // The launcher ends either by the SIGKILL or, when tree-kill reached its child first, by its own
    // `wait` returning: what matters is that it and the detached grandchild are both gone.
    await p.exited;
    await vi.waitFor(async () => expect(await host.inspect(grandchild)).toBeNull(), { timeout: 10_000 });
  });

  it('killTree of a pid that does not exist does nothing', async () => {
    const p = await spawnTracked(host, exits3);
    await p.exited;
    await expect(host.killTree(p.pid)).resolves.toBeUndefined();
  });

  it('adopts a live process from a fresh host, and sees it die when killed from outside', async () => {
    const p = await spawnTracked(host, idle);
    await vi.waitFor(async () => expect((await host.inspect(p.pid))?.exePath).toBe(idle), { timeout: 10_000 });
    const afterRestart = new LinuxProcessHost({ adoptPollMs: 50 });
    const recorded = { pid: p.pid, exePath: p.exePath, startTimeMs: p.startTimeMs };
    const adopted = await afterRestart.adopt(recorded);
    expect(adopted).toMatchObject(recorded);
    process.kill(p.pid, 'SIGKILL');
    expect(await adopted?.exited).toEqual({ code: null, signal: null });
  });

  it('adopts after a restart a server whose launcher renamed argv[0], by its start time and working directory', async () => {
    const p = await spawnTracked(host, renaming);
    await vi.waitFor(async () => expect((await host.inspect(p.pid))?.exePath).toBe('ark-wrapper'), { timeout: 10_000 });
    expect(await host.inspect(p.pid)).toMatchObject({ exeLink: process.execPath, cwd: dir });
    const recorded = { pid: p.pid, exePath: p.exePath, startTimeMs: p.startTimeMs };
    expect(await new LinuxProcessHost({ adoptPollMs: 50 }).adopt(recorded)).toMatchObject(recorded);

    const q2 = await spawnTracked(host, wandering);
    await vi.waitFor(async () => expect((await host.inspect(q2.pid))?.cwd).toBe('/'), { timeout: 10_000 });
    expect(await host.adopt({ pid: q2.pid, exePath: q2.exePath, startTimeMs: q2.startTimeMs })).toBeNull();
  });

  it('does not adopt a recycled pid (other start time or program) nor a dead one', async () => {
    const p = await spawnTracked(host, idle);
    await vi.waitFor(async () => expect((await host.inspect(p.pid))?.exePath).toBe(idle), { timeout: 10_000 });
    expect(await host.adopt({ pid: p.pid, exePath: idle, startTimeMs: p.startTimeMs - 60_000 })).toBeNull();
    // Another program, in another folder than the process's working directory.
    expect(
      await host.adopt({ pid: p.pid, exePath: path.join(tmpdir(), 'elsewhere', 'other'), startTimeMs: p.startTimeMs }),
    ).toBeNull();
    expect(pidExists(p.pid)).toBe(true);

    const dead = await spawnTracked(host, exits3);
    await dead.exited;
    expect(await host.adopt({ pid: dead.pid, exePath: exits3, startTimeMs: dead.startTimeMs })).toBeNull();
  });

  it('treats a zombie as gone', async () => {
    const zombieFile = path.join(dir, 'zombie.pid');
    // The background child exits, and `sleep` (which replaced bash) never reaps it.
    const exe = launcher('zombie-parent', [
      `${NODE} -e 'process.exit(0)' &`,
      `echo $! > ${q(zombieFile)}`,
      'exec sleep 60',
    ]);
    await spawnTracked(host, exe);
    await vi.waitFor(() => expect(readPidFile(zombieFile)).toBeGreaterThan(0), { timeout: 10_000 });
    const zombie = readPidFile(zombieFile);
    await vi.waitFor(() => expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).toMatch(/\) Z /), { timeout: 10_000 });
    expect(await host.inspect(zombie)).toBeNull();
    expect((await host.usage([zombie])).has(zombie)).toBe(false);
  });

  it('reports usage of a live pid and leaves out a dead one', async () => {
    const live = await spawnTracked(host, idle);
    const dead = await spawnTracked(host, exits3);
    await dead.exited;
    const first = await host.usage([live.pid, dead.pid]);
    const second = await host.usage([live.pid, dead.pid]);
    for (const sample of [first, second]) {
      expect([...sample.keys()]).toEqual([live.pid]);
      expect(sample.get(live.pid)?.memoryBytes).toBeGreaterThan(0);
      expect(sample.get(live.pid)?.cpuPercent).toBeGreaterThanOrEqual(0);
    }
    expect(await host.usage([])).toEqual(new Map());
  });

  it('measures resident memory and CPU time from /proc: a busy process holding 64 MiB', async () => {
    const p = await spawnTracked(host, hungry);
    await vi.waitFor(
      async () => expect((await host.usage([p.pid])).get(p.pid)?.memoryBytes).toBeGreaterThan(64 * 1024 * 1024),
      { timeout: 10_000 },
    );
    // The tracker's baseline is the sample above: a rate is CPU time over the time between two.
    await new Promise((r) => setTimeout(r, 500));
    const busy = (await host.usage([p.pid])).get(p.pid)!;
    expect(busy.cpuPercent).toBeGreaterThan(20);
    expect(busy.cpuPercent).toBeLessThan(200);
  });

  it('rejects pids that would address process groups', async () => {
    await expect(host.killTree(0)).rejects.toMatchObject({ code: 'internal-error' });
    await expect(host.killTree(-1)).rejects.toMatchObject({ code: 'internal-error' });
    await expect(host.inspect(1.5)).rejects.toMatchObject({ code: 'internal-error' });
    await expect(host.killTree(process.pid)).rejects.toMatchObject({ code: 'internal-error' });
  });
});

describe.runIf(process.platform === 'linux')('a second opinion from ps', () => {
  it('agrees with inspect about the start of this test process', async () => {
    // ps derives the elapsed time from the same /proc fields; this checks our arithmetic.
    const elapsedSec = Number(
      execFileSync('ps', ['-o', 'etimes=', '-p', String(process.pid)], { encoding: 'utf8' }).trim(),
    );
    const seen = await new LinuxProcessHost().inspect(process.pid);
    expect(Math.abs((seen?.startTimeMs ?? 0) - (Date.now() - elapsedSec * 1000))).toBeLessThanOrEqual(2000);
    expect(seen?.exePath).toBe(readFileSync('/proc/self/cmdline', 'utf8').split('\0')[0]);
  });
});
