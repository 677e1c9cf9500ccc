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
});
