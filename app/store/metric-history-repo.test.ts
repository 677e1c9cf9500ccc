import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database.ts';
import { MetricHistoryRepo } from './metric-history-repo.ts';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const HOST = 'a0000000-0000-4000-8000-000000000001';
const SERVER = 'b0000000-0000-4000-8000-000000000002';

let db: Db | null = null;
const open = () => {
  db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'ark-history-')));
  return new MetricHistoryRepo(db);
};
afterEach(() => db?.close());

describe('MetricHistoryRepo', () => {
  it('rolls complete raw buckets up into 5-minute averages and maxima, weighted and skipping unmeasured values', () => {
    const repo = open();
    // 10 samples, one a minute, over two 5-minute buckets; the server's CPU is unknown in one sample.
    for (let m = 0; m < 10; m += 1) {
      repo.record(T0 + m * 60_000, [
        { kind: 'host', id: HOST, cpuPercent: m * 10, memoryBytes: 1000 + m, memoryTotalBytes: 4096 },
        { kind: 'instance', id: SERVER, cpuPercent: m === 1 ? null : m, memoryBytes: 500, players: m % 3 },
      ]);
    }
    // At 00:09 only the first bucket is complete.
    repo.rollUp(0, 300, T0 + 9 * 60_000);
    expect(repo.countByResolution()).toEqual({ 0: 20, 300: 2 });
    repo.rollUp(0, 300, T0 + 10 * 60_000);
    const host = repo.series({ kind: 'host', id: HOST, fromMs: T0, tier: 300, bucketMs: 300_000 });
    expect(host).toEqual([
      {
        t: T0,
        cpuAvg: 20,
        cpuMax: 40,
        memoryAvg: 1002,
        memoryMax: 1004,
        memoryTotal: 4096,
        playersAvg: null,
        playersMax: null,
      },
      {
        t: T0 + 300_000,
        cpuAvg: 70,
        cpuMax: 90,
        memoryAvg: 1007,
        memoryMax: 1009,
        memoryTotal: 4096,
        playersAvg: null,
        playersMax: null,
      },
    ]);
    const server = repo.series({ kind: 'instance', id: SERVER, fromMs: T0, tier: 300, bucketMs: 300_000 });
    expect(server[0]).toMatchObject({
      cpuAvg: (0 + 2 + 3 + 4) / 4,
      cpuMax: 4,
      playersAvg: (0 + 1 + 2 + 0 + 1) / 5,
      playersMax: 2,
    });
    // Hourly from 5-minute rows: weighted by the samples behind each, so the same as the raw average.
    repo.rollUp(300, 3600, T0 + 3_600_000);
    const hourly = repo.series({ kind: 'host', id: HOST, fromMs: T0, tier: 3600, bucketMs: 3_600_000 });
    expect(hourly).toEqual([expect.objectContaining({ t: T0, cpuAvg: 45, cpuMax: 90, memoryAvg: 1004.5 })]);
  });

  it('fills the tail a tier has not rolled up yet from raw samples', () => {
    const repo = open();
    for (let m = 0; m < 8; m += 1) {
      repo.record(T0 + m * 60_000, [{ kind: 'host', id: HOST, cpuPercent: m, memoryBytes: 1, memoryTotalBytes: 2 }]);
    }
    repo.rollUp(0, 300, T0 + 8 * 60_000);
    const points = repo.series({ kind: 'host', id: HOST, fromMs: T0, tier: 300, bucketMs: 300_000 });
    expect(points.map((p) => [p.t, p.cpuAvg])).toEqual([
      [T0, 2],
      [T0 + 300_000, 6],
    ]);
    const raw = repo.series({ kind: 'host', id: HOST, fromMs: T0 + 6 * 60_000, tier: 0, bucketMs: 1 });
    expect(raw.map((p) => p.cpuAvg)).toEqual([6, 7]);
  });

  it('prunes by resolution and forgets a deleted subject', () => {
    const repo = open();
    for (let m = 0; m < 4; m += 1) {
      repo.record(T0 + m * 60_000, [
        { kind: 'host', id: HOST, cpuPercent: 1, memoryBytes: 1 },
        { kind: 'instance', id: SERVER, cpuPercent: 1, memoryBytes: 1, players: 0 },
      ]);
    }
    expect(repo.prune(0, T0 + 2 * 60_000)).toBe(4);
    repo.deleteSubject('instance', SERVER);
    expect(repo.countByResolution()).toEqual({ 0: 2 });
  });
});
