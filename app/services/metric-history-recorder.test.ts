import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WSEventData } from '@ark-asa/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/helpers/fake-clock.ts';
import { seedAgent, seedInstance, TEST_AGENT_ID } from '../../test/helpers/store-fixtures.ts';
import { MAINTENANCE_EVERY_MS } from '../domain/metric-history-policy.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { MetricHistoryRecorder } from './metric-history-recorder.ts';
import { MetricHistoryService } from './metric-history-service.ts';

const START = Date.parse('2026-03-01T00:00:00.000Z');
// Two minutes: 5-minute buckets get 2 or 3 samples, which exercises the weighting of the roll-ups.
const INTERVAL_MS = 120_000;
const DAY_MS = 86_400_000;
const logger = createLogger({ silent: true });

let store: Store | null = null;

function setup() {
  store = createStore(openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'ark-history-'))));
  seedAgent(store);
  const server = seedInstance(store);
  const clock = new FakeClock(new Date(START));
  const bus = new EventBus(logger, true);
  const history = new MetricHistoryService({ store, clock, heartbeatIntervalSec: () => INTERVAL_MS / 1000 });
  const recorder = new MetricHistoryRecorder({
    repo: store.metricHistory,
    history,
    logger,
    subscribe: (l) => bus.subscribe(l),
  });
  return { store, server, clock, bus, history, recorder };
}

afterEach(() => store?.close());

// A deterministic, uneven load: the averages of any bucket can be computed from it directly.
const cpuAt = (t: number) => ((t / INTERVAL_MS) * 7) % 100;
const playersAt = (t: number) => Math.floor(t / 3_600_000) % 5;

function heartbeat(t: number, instanceId: string): WSEventData<'agent:heartbeat'> {
  return {
    agentId: TEST_AGENT_ID,
    metrics: {
      cpuPercent: cpuAt(t),
      cpuCount: 4,
      memoryTotalBytes: 8e9,
      memoryUsedBytes: 4e9 + cpuAt(t) * 1e6,
      diskFreeBytes: 1e9,
      diskTotalBytes: 2e9,
      uptimeSec: 1,
    },
    instances: [{ instanceId, pid: 1, cpuPercent: cpuAt(t) / 2, memoryBytes: 2e9, playersOnline: playersAt(t) }],
    timestamp: new Date(t).toISOString(),
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const timesIn = (from: number, to: number) =>
  Array.from({ length: (to - from) / INTERVAL_MS }, (_, i) => from + i * INTERVAL_MS);

describe('MetricHistoryRecorder', () => {
  it('writes a heartbeat after the bus delivers it, and forgets a deleted server', async () => {
    const { store, server, bus, recorder } = setup();
    recorder.start();
    bus.publish('agent:heartbeat', heartbeat(START, server.id));
    expect(store.metricHistory.countByResolution()).toEqual({});
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.metricHistory.countByResolution()).toEqual({ 0: 2 });
    bus.publish('instance:deleted', { instanceId: server.id, deletedAt: new Date(START).toISOString() });
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.metricHistory.countByResolution()).toEqual({ 0: 1 });
    recorder.stop();
  });

  it(
    'stays bounded over 30 days of heartbeats, with downsampled averages equal to the raw ones',
    { timeout: 120_000 },
    () => {
      const { store, server, clock, history, recorder } = setup();
      // What each tier keeps, plus what accrues between two prunes, for two subjects.
      const lag = MAINTENANCE_EVERY_MS / INTERVAL_MS;
      const maxRows = { 0: 2 * (DAY_MS / INTERVAL_MS + lag + 1), 300: 2 * (7 * 288 + 1), 3600: 2 * (90 * 24 + 1) };
      const end = START + 30 * DAY_MS;
      let t = START;
      while (t < end) {
        const dayEnd = t + DAY_MS;
        // A day per transaction keeps the simulation fast; the recorder commits once per heartbeat.
        store.db.transaction(() => {
          for (; t < dayEnd; t += INTERVAL_MS) recorder.record(heartbeat(t, server.id));
        })();
        const counts = store.metricHistory.countByResolution();
        for (const [res, max] of Object.entries(maxRows)) expect(counts[Number(res)] ?? 0).toBeLessThanOrEqual(max);
      }
      const counts = store.metricHistory.countByResolution();
      // 30 days in: a day of raw, a week of 5-minute and all 30 days of hourly rows, per subject.
      expect(counts[0]).toBeGreaterThan(2 * (DAY_MS / INTERVAL_MS) - 20);
      expect(counts[300]).toBeGreaterThan(2 * 7 * 288 - 20);
      expect(counts[3600]).toBeGreaterThan(2 * 30 * 24 - 5);

      clock.jump(end - START);
      const month = history.history('host', TEST_AGENT_ID, '30d');
      expect(month.resolutionSec).toBe(7200);
      const twoHours = month.points[10]!;
      const from = Date.parse(twoHours.t);
      const cpus = timesIn(from, from + 7_200_000).map(cpuAt);
      expect(twoHours.cpuPercent).toBeCloseTo(mean(cpus), 6);
      expect(twoHours.cpuMaxPercent).toBe(Math.max(...cpus));
      expect(twoHours.memoryTotalBytes).toBe(8e9);

      const week = history.history('instance', server.id, '7d');
      expect(week.points.length).toBeGreaterThan(330);
      const half = week.points[5]!;
      const halfFrom = Date.parse(half.t);
      expect(half.players).toBeCloseTo(mean(timesIn(halfFrom, halfFrom + 1_800_000).map(playersAt)), 6);
      expect(half.cpuPercent).toBeCloseTo(mean(timesIn(halfFrom, halfFrom + 1_800_000).map(cpuAt)) / 2, 6);

      const hour = history.history('instance', server.id, '1h');
      expect(hour.resolutionSec).toBe(120);
      expect(hour.points).toHaveLength(30);
      expect(hour.points.at(-1)).toMatchObject({
        t: new Date(end - INTERVAL_MS).toISOString(),
        playersMax: playersAt(end - INTERVAL_MS),
      });
    },
  );
});
