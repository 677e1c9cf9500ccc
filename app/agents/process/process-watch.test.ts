import { describe, expect, it } from 'vitest';
import { sameProcess, type ProcessIdentity } from './process-host.ts';
import { adoptRecorded, assertPid, pidExists, waitUntilGone, type Liveness } from './process-watch.ts';

const recorded: ProcessIdentity = { pid: 100, exePath: '/srv/ark/server', startTimeMs: 1_000_000 };

/** Liveness over a mutable answer, counting the inspect calls. */
function scripted(initial: ProcessIdentity | null | Error) {
  const state = { answer: initial, inspects: 0 };
  const liveness: Liveness = {
    inspect: () => {
      state.inspects += 1;
      return state.answer instanceof Error ? Promise.reject(state.answer) : Promise.resolve(state.answer);
    },
    same: (live, rec) => sameProcess(live, rec, false),
  };
  return { state, liveness };
}

describe('waitUntilGone', () => {
  it('resolves true when the pid disappears or turns into another process', async () => {
    const gone = scripted(recorded);
    const waiting = waitUntilGone(recorded, gone.liveness, { intervalMs: 1, keepAlive: true });
    gone.state.answer = null;
    expect(await waiting).toBe(true);

    const recycled = scripted({ ...recorded, startTimeMs: recorded.startTimeMs + 60_000 });
    expect(await waitUntilGone(recorded, recycled.liveness, { intervalMs: 1, keepAlive: true })).toBe(true);
  });

  it('does not take a failed query for an exit, and gives up at the timeout', async () => {
    const failing = scripted(new Error('query failed'));
    expect(await waitUntilGone(recorded, failing.liveness, { intervalMs: 1, timeoutMs: 500, keepAlive: true })).toBe(
      false,
    );
    expect(failing.state.inspects).toBeGreaterThan(1);
  });

  it('uses the cheap probe between full checks', async () => {
    const s = scripted(recorded);
    let probes = 0;
    const liveness: Liveness = { ...s.liveness, fullCheckEvery: 4, quickAlive: () => ++probes < 6 };
    expect(await waitUntilGone(recorded, liveness, { intervalMs: 1, keepAlive: true })).toBe(true);
    // Ticks 1-3 and 5-7 probe cheaply (the 6th probe says gone); tick 4 is the one full check.
    expect(probes).toBe(6);
    expect(s.state.inspects).toBe(1);
  });
});

describe('adoptRecorded', () => {
  it('returns the recorded identity, and null for a missing or different process', async () => {
    expect(
      await adoptRecorded(recorded, scripted({ ...recorded, startTimeMs: recorded.startTimeMs + 900 }).liveness, 1),
    ).toMatchObject(recorded);
    expect(await adoptRecorded(recorded, scripted(null).liveness, 1)).toBeNull();
    expect(await adoptRecorded(recorded, scripted({ ...recorded, exePath: '/srv/ark/Server' }).liveness, 1)).toBeNull();
  });

  it('lets a failed query surface, so the caller retries instead of declaring the server gone', async () => {
    await expect(adoptRecorded(recorded, scripted(new Error('query failed')).liveness, 1)).rejects.toThrow(
      'query failed',
    );
  });
});

describe('pid helpers', () => {
  it('accepts positive integers only', () => {
    expect(() => assertPid(1)).not.toThrow();
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => assertPid(bad)).toThrow(/Not a process id/);
  });

  it('sees this process as existing', () => {
    expect(pidExists(process.pid)).toBe(true);
  });
});
