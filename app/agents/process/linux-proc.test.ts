import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgv0, parseBootTimeSec, parseProcStat, parseVmRssBytes, startTimeMs } from './linux-proc.ts';

/** A /proc/<pid>/stat line with the given comm; fields 3..52 as the kernel prints them. */
function statLine(pid: number, comm: string, state: string, pgrp: number, startTicks: number): string {
  const fields = Array.from({ length: 50 }, (_, i) => String(i + 3 === 22 ? startTicks : i + 3 === 5 ? pgrp : 0));
  fields[0] = state;
  return `${pid} (${comm}) ${fields.join(' ')}\n`;
}

describe('parseProcStat', () => {
  it('reads state, process group and start ticks from a real-looking line', () => {
    const line =
      '4242 (node) S 1 4242 4242 0 -1 4194560 1533 0 0 0 11 3 0 0 20 0 11 0 987654 1161543680 12345 18446744073709551615 1 1 0 0 0 0 0 16781312 134234626 0 0 0 17 3 0 0 0 0 0 0 0 0 0 0 0 0 0\n';
    expect(parseProcStat(line)).toEqual({ state: 'S', pgrp: 4242, startTicks: 987654, cpuTicks: 14 });
  });

  it('counts fields after the LAST parenthesis, whatever the program calls itself', () => {
    expect(parseProcStat(statLine(7, 'a) Z 9 9 (b', 'R', 9, 123))).toEqual({
      state: 'R',
      pgrp: 9,
      startTicks: 123,
      cpuTicks: 0,
    });
    expect(parseProcStat(statLine(7, 'with space', 'Z', 7, 5))).toMatchObject({ state: 'Z' });
    expect(parseProcStat(statLine(7, '))', 'S', 7, 5))).toMatchObject({ startTicks: 5 });
  });

  it('recovers the fields for any comm (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('R', 'S', 'D', 'Z', 'T'),
        fc.integer({ min: 1, max: 4_194_304 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (comm, state, pgrp, ticks) => {
          expect(parseProcStat(statLine(1, comm, state, pgrp, ticks))).toEqual({
            state,
            pgrp,
            startTicks: ticks,
            cpuTicks: 0,
          });
        },
      ),
    );
  });

  it('rejects text that is not a stat line', () => {
    expect(() => parseProcStat('')).toThrow(/Unexpected/);
    expect(() => parseProcStat('12 (x) S 1')).toThrow(/Unexpected/);
  });
});

describe('parseVmRssBytes', () => {
  it('reads VmRSS among the other lines of /proc/<pid>/status, in bytes', () => {
    const status =
      'Name:\tnode\nState:\tS (sleeping)\nVmPeak:\t 1200000 kB\nVmRSS:\t  433152 kB\nRssAnon:\t  400000 kB\n';
    expect(parseVmRssBytes(status)).toBe(433_152 * 1024);
  });

  it('is null for a process without resident memory lines (a zombie)', () => {
    expect(parseVmRssBytes('Name:\tnode\nState:\tZ (zombie)\nThreads:\t1\n')).toBeNull();
  });
});

describe('boot time, argv[0] and start time', () => {
  it('finds btime among the other lines of /proc/stat', () => {
    const text = 'cpu  1 2 3 4\nintr 12 0 0\nctxt 99\nbtime 1700000000\nprocesses 5\n';
    expect(parseBootTimeSec(text)).toBe(1_700_000_000);
    expect(() => parseBootTimeSec('cpu 1 2\n')).toThrow(/btime/);
  });

  it('takes argv[0] from the NUL-separated cmdline', () => {
    expect(parseArgv0('/srv/ark/ArkAscendedServer\0TheIsland_WP?listen\0-NoBattlEye\0')).toBe(
      '/srv/ark/ArkAscendedServer',
    );
    expect(parseArgv0('/path with space/x\0')).toBe('/path with space/x');
    expect(parseArgv0('')).toBe('');
  });

  it('adds the start ticks (100 per second) to the boot time', () => {
    expect(startTimeMs(1_700_000_000, 0)).toBe(1_700_000_000_000);
    expect(startTimeMs(1_700_000_000, 12_345)).toBe(1_700_000_123_450);
  });
});
