import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings, type LogEntry, type WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogLineInput } from '../agents/logs/log-sink.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { LogService } from './log-service.ts';
import { seedAgent } from '../../test/helpers/store-fixtures.ts';

const AGENT = 'a0000000-0000-4000-8000-000000000000';
const A = '1a1a1a1a-0000-4000-8000-000000000001';
const B = '2b2b2b2b-0000-4000-8000-000000000002';

let dir: string;
let store: Store;
let events: WSEvent[];
let service: LogService | null;

function makeService(clock: Clock, maxLinesPerSecond: number): LogService {
  const bus = new EventBus(createLogger({ silent: true }), true);
  bus.subscribe((e) => events.push(e));
  service = new LogService({
    ...{ store, bus, logger: createLogger({ silent: true }), clock, retention: () => 5000 },
    maxLinesPerSecond,
  });
  return service;
}

/** What a line of an instance's log is, apart from which instance it belongs to. */
const content = (e: LogEntry) => ({ ...e, instanceId: undefined });
const logEvents = (id: string) =>
  events.flatMap((e) => (e.event === 'instance:log' && e.data.instanceId === id ? [e.data] : []));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-logs-lazy-'));
  store = createStore(openDatabase(dir));
  seedAgent(store, AGENT);
  const at = new Date(0).toISOString();
  for (const id of [A, B]) {
    store.instances.insert({
      ...{ id, name: id, agentId: AGENT, status: 'STOPPED', buildId: null, installPath: null },
      ...{ settings: InstanceSettings.parse({}), process: null, createdAt: at, updatedAt: at },
    });
  }
  events = [];
  service = null;
});
afterEach(() => {
  service?.stop();
  vi.useRealTimers();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('LogService.appendLazy', () => {
  it('makes only the lines the limit keeps, and publishes and stores what append would', () => {
    let nowMs = Date.UTC(2025, 10, 5, 16, 0, 0);
    const logs = makeService({ now: () => new Date(nowMs), sleep: () => Promise.resolve() }, 3);
    const lines: LogLineInput[] = Array.from({ length: 10 }, (_, i) => ({
      level: i % 3 === 0 ? 'WARN' : 'INFO',
      source: 'server',
      message: `line ${i}`,
      ...(i % 2 === 0 && { timestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString() }),
    }));
    let made = 0;
    for (const [i, line] of lines.entries()) {
      // A second window for the last lines: the notice of the first comes before them.
      if (i === 7) nowMs += 1000;
      logs.append(A, line);
      logs.appendLazy(B, 'server', () => {
        made += 1;
        return line;
      });
    }
    logs.flush();
    expect(made).toBe(6);
    const a = logEvents(A);
    expect(a.map((e) => e.message)).toEqual([
      ...['line 0', 'line 1', 'line 2', '… 4 server log lines skipped (the server is writing faster than 3 lines/s)'],
      ...['line 7', 'line 8', 'line 9'],
    ]);
    expect(logEvents(B).map(content)).toEqual(a.map(content));
    expect(store.logLines.page(B, 100).map(content)).toEqual(store.logLines.page(A, 100).map(content));
  });

  it('reads the system clock without a Date per line, and still follows fake timers', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2025, 10, 5, 16, 0, 0) });
    const logs = makeService(systemClock, 2);
    for (let i = 0; i < 5; i += 1)
      logs.appendLazy(A, 'server', () => ({ level: 'INFO', source: 'server', message: `${i}` }));
    vi.setSystemTime(Date.UTC(2025, 10, 5, 16, 0, 1));
    logs.append(A, { level: 'INFO', source: 'server', message: 'next second' });
    expect(logEvents(A).map((e) => [e.message, e.timestamp])).toEqual([
      ['0', '2025-11-05T16:00:00.000Z'],
      ['1', '2025-11-05T16:00:00.000Z'],
      ['… 3 server log lines skipped (the server is writing faster than 2 lines/s)', '2025-11-05T16:00:01.000Z'],
      ['next second', '2025-11-05T16:00:01.000Z'],
    ]);
  });
});
