import { describe, expect, it, vi } from 'vitest';
import { FakeProcessHost } from './fake-process-host.ts';
import { checkRecorded, UnconfirmedProcesses } from './unconfirmed-processes.ts';

describe('recorded processes that cannot be confirmed', () => {
  it('tells a gone or recycled pid from one that may still be the server', async () => {
    const host = new FakeProcessHost();
    const p = await host.spawn('/srv/ark/ArkAscendedServer.exe', []);
    const recorded = { pid: p.pid, exePath: '/srv/other/launcher', startTimeMs: p.startTimeMs };
    expect(await checkRecorded(host, recorded)).toMatchObject({ kind: 'unconfirmed', pid: p.pid });
    expect(await checkRecorded(host, { ...recorded, startTimeMs: p.startTimeMs - 60_000 })).toEqual({ kind: 'gone' });
    host.last().exit(0);
    expect(await checkRecorded(host, recorded)).toEqual({ kind: 'gone' });
  });

  it('refuses a start with a 409 naming the pid until that process exits', async () => {
    const host = new FakeProcessHost();
    const p = await host.spawn('/srv/ark/ArkAscendedServer.exe', []);
    const list = new UnconfirmedProcesses(host, 10);
    const gone = vi.fn();
    list.add('i1', { pid: p.pid, exePath: '/x', startTimeMs: p.startTimeMs }, gone);
    expect(() => list.assertNone('i1')).toThrow(
      expect.objectContaining({ code: 'instance-running', message: expect.stringContaining(`pid ${p.pid}`) }),
    );
    list.assertNone('i2');
    host.last().exit(0);
    await vi.waitFor(() => expect(gone).toHaveBeenCalledOnce());
    list.assertNone('i1');
  });

  it("shows the attention with the pid, tells listeners, and hands the process over for the user's choice", async () => {
    const host = new FakeProcessHost();
    const p = await host.spawn('/srv/ark/ArkAscendedServer.exe', []);
    const list = new UnconfirmedProcesses(host, 10);
    const changed = vi.fn();
    list.onChange(changed);
    const recorded = { pid: p.pid, exePath: '/x', startTimeMs: p.startTimeMs };
    list.add('i1', recorded, () => undefined);
    expect(changed).toHaveBeenCalledWith('i1');
    expect(list.attention('i1')).toMatchObject({ kind: 'unconfirmed-process', pid: p.pid });
    expect(list.attention('i2')).toBeNull();
    expect(list.take('i1')).toBe(recorded);
    expect(() => list.take('i1')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => list.assertNone('i1')).toThrow(); // still refused while the choice is carried out
    list.settled('i1');
    expect(list.attention('i1')).toBeNull();
    list.assertNone('i1');
    expect(await list.hosted(recorded)).toMatchObject({ pid: p.pid });
  });

  it('ends a process with a request to exit first, and kills its tree only when it does not exit', async () => {
    const host = new FakeProcessHost();
    const list = new UnconfirmedProcesses(host, 10);
    const [gone, polite, stubborn] = await Promise.all(['/a', '/b', '/c'].map((exe) => host.spawn(exe, [])));
    const exits = new Set([polite!.pid]); // the only one that obeys a request to exit
    Object.assign(host, {
      terminate: (pid: number) => exits.has(pid) && host.processes.find((q) => q.pid === pid)?.exit(0),
    });
    const identity = (q: { pid: number; startTimeMs: number }) => ({
      pid: q.pid,
      startTimeMs: q.startTimeMs,
      exePath: '/x',
    });
    host.processes.find((q) => q.pid === gone!.pid)?.exit(0);
    expect(await list.end(identity(gone!), 1000)).toBe('gone');
    expect(await list.end(identity(polite!), 1000)).toBe('terminated');
    expect(await list.end(identity(stubborn!), 50)).toBe('killed');
    expect(host.killed).toEqual([stubborn!.pid]);
  });
});
