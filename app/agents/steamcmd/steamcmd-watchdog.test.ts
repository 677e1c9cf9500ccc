import { describe, expect, it } from 'vitest';
import type { DiskSnapshot } from '../../domain/steamcmd/disk-progress.ts';
import { FakeClock } from '../../../test/helpers/fake-clock.ts';
import { SteamcmdWatchdog } from './steamcmd-watchdog.ts';

const POLL = 1000;
const TIMEOUT = 5000;

/** A watchdog on a fake clock and a disk the test sets; counts stalls and snapshots. */
function watched() {
  const clock = new FakeClock('2026-01-01T00:00:00Z');
  const disk: DiskSnapshot = { manifest: null, downloadingBytes: 0 };
  const seen: DiskSnapshot[] = [];
  let stalls = 0;
  const dog = new SteamcmdWatchdog({
    clock,
    timeoutMs: TIMEOUT,
    pollMs: POLL,
    installDir: '/install',
    readDisk: () => Promise.resolve({ ...disk }),
    onDisk: (s) => seen.push(s),
    onStall: () => (stalls += 1),
  });
  dog.start();
  return { clock, disk, seen, dog, stalls: () => stalls };
}

describe('SteamcmdWatchdog', () => {
  it('reports a stall once, after the timeout without output or disk change, and then stops polling', async () => {
    const w = watched();
    await w.clock.advance(TIMEOUT - POLL);
    expect(w.stalls()).toBe(0);
    await w.clock.advance(POLL);
    expect(w.stalls()).toBe(1);
    const polls = w.seen.length;
    await w.clock.advance(10 * POLL);
    expect(w.stalls()).toBe(1);
    expect(w.seen.length).toBe(polls);
    expect(w.clock.pending()).toEqual([]);
  });

  it('a growing download keeps it quiet, with no output at all', async () => {
    const w = watched();
    for (let i = 1; i <= 20; i += 1) {
      w.disk.downloadingBytes = i * 100;
      await w.clock.advance(POLL);
    }
    expect(w.stalls()).toBe(0);
    expect(w.seen.at(-1)?.downloadingBytes).toBe(2000);
    await w.clock.advance(TIMEOUT);
    expect(w.stalls()).toBe(1);
    await w.dog.stop();
  });

  it('output keeps it quiet while the disk stands still', async () => {
    const w = watched();
    for (let i = 0; i < 20; i += 1) {
      w.dog.noteOutput();
      await w.clock.advance(POLL);
    }
    expect(w.stalls()).toBe(0);
    await w.dog.stop();
    await w.clock.advance(10 * TIMEOUT);
    expect(w.stalls()).toBe(0);
  });
});
