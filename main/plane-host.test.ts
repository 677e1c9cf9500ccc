import { describe, expect, it, vi } from 'vitest';
import { isPortProblem, planeArgs, PlaneHost, type PlaneHostEvents } from './plane-host.ts';
import { memoryLogger } from './testing/fake-electron.ts';
import { fakeLauncher, type FakePlaneChild } from './testing/fake-plane-child.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

function recorder() {
  const seen: string[] = [];
  const events: PlaneHostEvents = {
    restarting: ({ attempt }) => void seen.push(`restarting ${attempt}`),
    restarted: (ready, previous) => void seen.push(`restarted ${previous.port}→${ready.port}`),
    gaveUp: (message) => void seen.push(`gave up: ${message}`),
  };
  return { seen, events };
}

function host(script?: (child: FakePlaneChild, index: number) => void, tuning = {}) {
  const { launch, children } = fakeLauncher(script);
  let now = 0;
  const logger = memoryLogger();
  const h = new PlaneHost(
    { launch, logger, now: () => now, restartDelayMs: 0, startTimeoutMs: 200, ...tuning },
    { dataDir: '/data', staticDir: '/app/renderer/dist' },
  );
  return { h, children, logger, advance: (ms: number) => void (now += ms) };
}

describe('the command line', () => {
  it('passes the options as app/cli.ts flags', () => {
    expect(
      planeArgs({ dataDir: 'C:\\d', staticDir: 'C:\\ui', port: 3001, portFallback: true, host: '0.0.0.0', token: 't' }),
    ).toEqual([
      '--data-dir',
      'C:\\d',
      '--static-dir',
      'C:\\ui',
      '--port',
      '3001',
      '--port-fallback',
      '--host',
      '0.0.0.0',
      '--token',
      't',
    ]);
    expect(planeArgs({ dataDir: '/d' })).toEqual(['--data-dir', '/d']);
  });

  it('knows a port problem (in use or reserved) from other refusals', () => {
    expect(isPortProblem('port-in-use', 'Port 3000 is reserved by Windows')).toBe(true);
    expect(isPortProblem('forbidden', 'Not allowed to listen on port 80; use a port above 1024')).toBe(true);
    expect(isPortProblem('conflict', 'Another manager is already using C:\\data')).toBe(false);
  });
});

describe('starting', () => {
  it('resolves with ready, the token beside it when the child sends one', async () => {
    const { h, children } = host((c) => c.ready(3000, { accessToken: 'secret-token-1234567' }));
    const outcome = await h.start();
    expect(outcome).toMatchObject({ ok: true, ready: { port: 3000, accessToken: 'secret-token-1234567' } });
    expect(children[0]!.args).toEqual(['--data-dir', '/data', '--static-dir', '/app/renderer/dist']);
  });

  it('passes start-failed on', async () => {
    const { h } = host((c) => {
      c.say({
        v: 1,
        type: 'start-failed',
        code: 'conflict',
        message: 'Another manager (pid 9) is already using /data',
      });
      c.exit(1);
    });
    expect(await h.start()).toEqual({
      ok: false,
      code: 'conflict',
      message: 'Another manager (pid 9) is already using /data',
    });
  });

  it('an exit before ready is a failure that quotes stderr', async () => {
    const { h } = host((c) => {
      c.stderr = "Unknown option '--static-dir'\n\nUsage: npm run serve -- [options]\n";
      c.exit(2);
    });
    expect(await h.start()).toEqual({ ok: false, code: 'exited', message: "Unknown option '--static-dir'" });
  });

  it('ends a child that never gets ready', async () => {
    const { h, children } = host(() => undefined);
    const outcome = await h.start();
    expect(outcome).toMatchObject({ ok: false, code: 'exited', message: expect.stringMatching(/did not get ready/) });
    expect(children[0]!.killed).toBe(true);
  });

  it('ignores messages of another channel version and malformed ones', async () => {
    const { h, logger } = host((c) => {
      c.say({ v: 2, type: 'ready', url: 'http://x' });
      c.say({ v: 1, type: 'ready' });
      c.ready(3005);
    });
    expect(await h.start()).toMatchObject({ ok: true, ready: { port: 3005 } });
    expect(logger.lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'ignoring a control-plane message of another channel version',
        'ignoring a malformed control-plane message',
      ]),
    );
  });
});

describe('restarts', () => {
  it('starts a dead child again on its port (moving if it must), and tells', async () => {
    const { h, children } = host((c, i) => c.ready(i === 0 ? 3000 : 3000 + i));
    const { seen, events } = recorder();
    h.on(events);
    await h.start();
    children[0]!.exit(3221225477);
    // Until the new child reported ready: a fixed pause was too short on a loaded machine.
    await expect.poll(() => seen.length).toBe(2);
    expect(children[1]!.args).toContain('--port-fallback');
    expect(
      children[1]!.args.slice(children[1]!.args.indexOf('--port'), children[1]!.args.indexOf('--port') + 2),
    ).toEqual(['--port', '3000']);
    expect(seen).toEqual(['restarting 1', 'restarted 3000→3001']);
    expect(h.ready?.port).toBe(3001);
  });

  it('gives up after 3 deaths within 5 minutes, but not when they are spread out', async () => {
    const { h, children, advance } = host();
    const { seen, events } = recorder();
    h.on(events);
    await h.start();
    // Each death is followed by a new child; waiting for it (not a fixed 5 ms) keeps this test
    // right on a loaded machine, where the next exit would otherwise hit the dead child again.
    const launched = (n: number) => vi.waitFor(() => expect(children).toHaveLength(n), { timeout: 5_000, interval: 5 });
    for (let i = 0; i < 3; i += 1) {
      children.at(-1)!.exit(1);
      await launched(i + 2);
      advance(60_000);
    }
    expect(children).toHaveLength(4);
    advance(5 * 60_000);
    children.at(-1)!.exit(1);
    await launched(5);
    expect(children).toHaveLength(5);
    children.at(-1)!.exit(1);
    await launched(6);
    children.at(-1)!.exit(1);
    await launched(7);
    children.at(-1)!.exit(1);
    await vi.waitFor(() => expect(seen.at(-1)).toMatch(/^gave up: /), { timeout: 5_000, interval: 5 });
    expect(seen.at(-1)).toMatch(/^gave up: The control plane stopped 4 times within 5 minutes/);
    expect(children).toHaveLength(7);
  });

  it('counts a restart that cannot start against the budget and tries again', async () => {
    const { h, children } = host((c, i) => (i === 1 ? c.exit(1) : c.ready()));
    const { seen, events } = recorder();
    h.on(events);
    await h.start();
    children[0]!.exit(1);
    await expect.poll(() => seen.length).toBe(3);
    expect(seen).toEqual(['restarting 1', 'restarting 2', 'restarted 3000→3000']);
  });

  it('does not restart a child it asked to stop', async () => {
    const { h, children } = host((c) => {
      c.ready();
      c.onReceive = (m, child) => {
        if (m.type !== 'shutdown') return;
        child.say({ v: 1, type: 'stopped', serversLeftRunning: 2 });
        child.exit(0);
      };
    });
    const { seen, events } = recorder();
    h.on(events);
    await h.start();
    await h.shutdown(false);
    await settle();
    expect(children[0]!.received).toEqual([{ v: 1, type: 'shutdown', stopServers: false }]);
    expect(children).toHaveLength(1);
    expect(seen).toEqual([]);
  });
});

describe('stopping and session end', () => {
  it('ends a child that does not stop in time', async () => {
    const { h, children, logger } = host(undefined, { shutdownTimeoutMs: () => 30 });
    await h.start();
    await h.shutdown(true);
    expect(children[0]!.received).toEqual([{ v: 1, type: 'shutdown', stopServers: true }]);
    expect(children[0]!.killed).toBe(true);
    expect(logger.lines.some((l) => /did not stop in time/.test(l.msg))).toBe(true);
  });

  it('asks for the worlds to be saved and returns the answer, or null past the deadline', async () => {
    const { h, children } = host();
    await h.start();
    children[0]!.onReceive = (m, c) => {
      if (m.type === 'session-end')
        c.say({ v: 1, type: 'session-saved', saved: 2, failed: [{ instanceId: 'a', message: 'RCON timed out' }] });
    };
    expect(await h.sessionEnd(4000)).toEqual({
      v: 1,
      type: 'session-saved',
      saved: 2,
      failed: [{ instanceId: 'a', message: 'RCON timed out' }],
    });
    expect(children[0]!.received).toEqual([{ v: 1, type: 'session-end', deadlineMs: 4000 }]);
    children[0]!.onReceive = () => undefined;
    expect(await h.sessionEnd(1)).toBeNull();
  });
});
