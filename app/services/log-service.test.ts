import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings, type WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogLineInput } from '../agents/logs/log-sink.ts';
import { AppError } from '../domain/app-error.ts';
import type { Clock } from '../domain/clock.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { LogService, type LogPage, type LogServiceOptions } from './log-service.ts';
import { seedAgent } from '../../test/helpers/store-fixtures.ts';

const AGENT = 'a0000000-0000-4000-8000-000000000000';
const A = '1a1a1a1a-0000-4000-8000-000000000001';
const B = '2b2b2b2b-0000-4000-8000-000000000002';

let dir: string;
let store: Store;
let events: WSEvent[];
let nowMs: number;
let retention: number;
let logger: Logger;
const clock: Clock = { now: () => new Date(nowMs), sleep: () => Promise.resolve() };

function seed(s: Store): void {
  const at = new Date(0).toISOString();
  seedAgent(s, AGENT);
  for (const id of [A, B]) {
    s.instances.insert({
      id,
      name: id,
      agentId: AGENT,
      status: 'STOPPED',
      buildId: null,
      installPath: null,
      settings: InstanceSettings.parse({}),
      process: null,
      createdAt: at,
      updatedAt: at,
    });
  }
}

const services: LogService[] = [];
function makeService(opts: Partial<LogServiceOptions> = {}): LogService {
  const bus = new EventBus(createLogger({ silent: true }), true);
  bus.subscribe((e) => events.push(e));
  const service = new LogService({ store, bus, logger, clock, retention: () => retention, ...opts });
  services.push(service);
  return service;
}

const line = (message: string, source: LogLineInput['source'] = 'server'): LogLineInput => ({
  level: 'INFO',
  source,
  message,
});
const logEvents = () => events.flatMap((e) => (e.event === 'instance:log' ? [e.data] : []));
const stored = (id: string) => store.logLines.page(id, 100_000);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-logs-'));
  store = createStore(openDatabase(dir));
  seed(store);
  events = [];
  nowMs = Date.UTC(2025, 10, 5, 16, 0, 0);
  retention = 5000;
  logger = createLogger({ silent: true });
});
afterEach(() => {
  for (const s of services.splice(0)) s.stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('LogService', () => {
  it('numbers lines per instance, publishes them at once and stores them at the next tick', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const logs = makeService();
    logs.append(A, { level: 'WARN', source: 'server', message: 'first', timestamp: '2025-11-05T16:11:49.765Z' });
    logs.append(A, line('second', 'manager'));
    logs.append(B, line('other', 'steamcmd'));
    expect(logEvents()).toEqual([
      {
        instanceId: A,
        seq: 1,
        level: 'WARN',
        source: 'server',
        message: 'first',
        timestamp: '2025-11-05T16:11:49.765Z',
      },
      {
        instanceId: A,
        seq: 2,
        level: 'INFO',
        source: 'manager',
        message: 'second',
        timestamp: new Date(nowMs).toISOString(),
      },
      {
        instanceId: B,
        seq: 1,
        level: 'INFO',
        source: 'steamcmd',
        message: 'other',
        timestamp: new Date(nowMs).toISOString(),
      },
    ]);
    expect(stored(A)).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(stored(A).map((e) => e.message)).toEqual(['first', 'second']);
    expect(stored(B).map((e) => e.seq)).toEqual([1]);
  });

  it('continues the numbering after a restart on the same database', () => {
    const first = makeService();
    for (let i = 0; i < 3; i += 1) first.append(A, line(`run 1 line ${i}`));
    first.stop();
    store.close();
    store = createStore(openDatabase(dir));
    const second = makeService();
    second.append(A, line('run 2'));
    second.flush();
    expect(stored(A).map((e) => [e.seq, e.message])).toEqual([
      [1, 'run 1 line 0'],
      [2, 'run 1 line 1'],
      [3, 'run 1 line 2'],
      [4, 'run 2'],
    ]);
  });

  it('writes a flush as one transaction holding the inserts of every instance and the trims', () => {
    const logs = makeService({ maxBatchLines: 10_000 });
    const inTransaction: string[] = [];
    const insertMany = store.logLines.insertMany.bind(store.logLines);
    const trim = store.logLines.trim.bind(store.logLines);
    const insertSpy = vi.spyOn(store.logLines, 'insertMany').mockImplementation((entries) => {
      inTransaction.push(`insert ${entries.length} ${store.db.inTransaction}`);
      insertMany(entries);
    });
    vi.spyOn(store.logLines, 'trim').mockImplementation((id, keep) => {
      inTransaction.push(`trim ${id === A ? 'A' : 'B'} ${store.db.inTransaction}`);
      trim(id, keep);
    });
    for (let i = 0; i < 150; i += 1) {
      logs.append(A, line(`a${i}`));
      logs.append(B, line(`b${i}`));
    }
    logs.flush();
    expect(insertSpy).toHaveBeenCalledTimes(1);
    expect(inTransaction).toEqual(['insert 300 true', 'trim A true', 'trim B true']);
    logs.flush();
    expect(insertSpy).toHaveBeenCalledTimes(1);
  });

  it('writes at once when a batch is full, without waiting for the tick', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const logs = makeService({ maxBatchLines: 50, maxLinesPerSecond: 1000 });
    for (let i = 0; i < 120; i += 1) logs.append(A, line(`l${i}`));
    expect(stored(A)).toHaveLength(100);
    vi.advanceTimersByTime(250);
    expect(stored(A)).toHaveLength(120);
  });

  it('keeps the newest `retention` lines of each instance, reading the setting at every flush', () => {
    retention = 100;
    const logs = makeService({ maxLinesPerSecond: 10_000 });
    for (let i = 1; i <= 250; i += 1) logs.append(A, line(`l${i}`));
    logs.append(B, line('b'));
    logs.flush();
    const kept = stored(A);
    expect(kept).toHaveLength(100);
    expect(kept[0]?.seq).toBe(151);
    expect(kept.at(-1)?.seq).toBe(250);
    retention = 10;
    logs.append(A, line('l251'));
    logs.flush();
    expect(stored(A).map((e) => e.seq)).toEqual([242, 243, 244, 245, 246, 247, 248, 249, 250, 251]);
    expect(stored(B)).toHaveLength(1);
  });

  it('writes the JSON of a page byte for byte as JSON.stringify of the page, every character included', () => {
    const logs = makeService();
    const odd = ['quote " back \\ slash', 'tab\tnew\nline\r\u0001\u001f\u007f', 'ünïcødé 🦖 \u2028 end', '</script>'];
    for (let i = 1; i <= 23; i += 1) logs.append(A, line(`${odd[i % odd.length]} ${i}`, i % 2 ? 'server' : 'manager'));
    for (const [limit, before] of [
      [10, undefined],
      [10, 14],
      [5, 3],
      [50, undefined],
    ] as const) {
      expect(logs.pageJson(A, limit, before).toString()).toBe(JSON.stringify(logs.page(A, limit, before)));
    }
    expect(logs.pageJson(B, 10).toString()).toBe(JSON.stringify({ items: [], nextCursor: null }));
    expect(() => logs.pageJson('9f9f9f9f-0000-4000-8000-000000000009', 10)).toThrow(AppError);
  });

  it('pages oldest → newest with a cursor to older lines, null at the oldest', () => {
    const logs = makeService();
    for (let i = 1; i <= 25; i += 1) logs.append(A, line(`l${i}`));
    // Not flushed yet: a page must still show what was already sent live.
    const p1 = logs.page(A, 10);
    expect(p1.items.map((e) => e.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(p1.nextCursor).toBe('16');
    const p2 = logs.page(A, 10, Number(p1.nextCursor));
    expect(p2.items.map((e) => e.seq)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const p3 = logs.page(A, 10, Number(p2.nextCursor));
    expect(p3).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(p3.items.map((e) => e.message)).toEqual(['l1', 'l2', 'l3', 'l4', 'l5']);
    expect(logs.page(A, 5, 6)).toMatchObject({ nextCursor: null });
    expect(logs.page(B, 10)).toEqual({ items: [], nextCursor: null });
    expect(() => logs.page('9f9f9f9f-0000-4000-8000-000000000009', 10)).toThrow(AppError);
  });

  it('throttles a flood: at most the limit per second, then one notice with the count', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const logs = makeService({ maxLinesPerSecond: 200 });
    for (let i = 0; i < 10_000; i += 1) logs.append(A, line(`flood ${i}`));
    logs.append(A, line('the manager still speaks', 'manager'));
    expect(logEvents()).toHaveLength(201);
    // The burst ends: the window closes at the next tick after a second.
    nowMs += 1000;
    vi.advanceTimersByTime(250);
    const published = logEvents();
    expect(published).toHaveLength(202);
    expect(published.at(-1)).toMatchObject({
      level: 'WARN',
      source: 'manager',
      message: '… 9800 server log lines skipped (the server is writing faster than 200 lines/s)',
    });
    expect(stored(A)).toHaveLength(202);
    expect(published.slice(0, 200).map((e) => e.message)).toEqual(Array.from({ length: 200 }, (_, i) => `flood ${i}`));
  });

  it('puts the notice of a window before the first line of the next one, per source', () => {
    const logs = makeService({ maxLinesPerSecond: 10 });
    for (let i = 0; i < 15; i += 1) logs.append(A, line(`s${i}`));
    for (let i = 0; i < 3; i += 1) logs.append(A, line(`c${i}`, 'steamcmd'));
    for (let i = 0; i < 20; i += 1) logs.append(B, line(`b${i}`));
    nowMs += 1500;
    logs.append(A, line('next window'));
    const a = logEvents()
      .filter((e) => e.instanceId === A)
      .map((e) => e.message);
    expect(a.slice(10)).toEqual([
      '… 5 server log lines skipped (the server is writing faster than 10 lines/s)',
      '… 3 steamcmd log lines skipped (SteamCMD is writing faster than 10 lines/s)',
      'next window',
    ]);
    logs.flush();
    expect(stored(B).at(-1)?.message).toBe(
      '… 10 server log lines skipped (the server is writing faster than 10 lines/s)',
    );
  });

  it('never throws on a store failure, logs it once, and stores again after recovery', () => {
    const errorSpy = vi.spyOn(logger, 'error');
    const warnSpy = vi.spyOn(logger, 'warn');
    const logs = makeService();
    const insert = vi.spyOn(store.logLines, 'insertMany').mockImplementation(() => {
      throw new Error('SQLITE_FULL: database or disk is full');
    });
    for (let round = 0; round < 3; round += 1) {
      expect(() => logs.append(A, line(`lost ${round}`))).not.toThrow();
      expect(() => logs.flush()).not.toThrow();
    }
    expect(logEvents()).toHaveLength(3);
    expect(errorSpy).toHaveBeenCalledTimes(1);
    insert.mockRestore();
    logs.append(A, line('kept'));
    logs.flush();
    expect(stored(A).map((e) => [e.seq, e.message])).toEqual([[4, 'kept']]);
    expect(warnSpy).toHaveBeenCalledWith({ lostLines: 3 }, expect.any(String));
  });

  it('does not throw when the database is gone (closed at shutdown)', () => {
    const logs = makeService();
    logs.append(A, line('before'));
    logs.flush();
    store.close();
    expect(() => logs.append(B, line('after close'))).not.toThrow();
    expect(() => logs.stop()).not.toThrow();
    store = createStore(openDatabase(dir));
  });

  it('keeps the lines of other instances when one was deleted meanwhile', () => {
    const logs = makeService();
    logs.append(A, line('a'));
    logs.append(B, line('b'));
    store.instances.delete(B);
    logs.flush();
    expect(stored(A).map((e) => e.message)).toEqual(['a']);
  });

  it('after stop() writes each line at once and leaves no timer', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const logs = makeService();
    logs.append(A, line('buffered'));
    logs.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(stored(A)).toHaveLength(1);
    logs.append(A, line('late manager line', 'manager'));
    expect(stored(A)).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('LogService.pageJson, kept as sent', () => {
  const messages = (page: Buffer) => (JSON.parse(page.toString()) as LogPage).items.map((e) => e.message);

  it('sends the same bytes again while nothing changed, for each page asked', () => {
    const logs = makeService();
    for (let i = 1; i <= 5; i += 1) logs.append(A, line(`l${i}`));
    const first = logs.pageJson(A, 3);
    expect(logs.pageJson(A, 3)).toBe(first);
    expect(messages(logs.pageJson(A, 3, 3))).toEqual(['l1', 'l2']);
    expect(logs.pageJson(A, 3)).toBe(first);
  });

  it('shows a line appended since, even one still waiting in the buffer', () => {
    const logs = makeService();
    logs.append(A, line('old'));
    expect(messages(logs.pageJson(A, 10))).toEqual(['old']);
    expect(messages(logs.pageJson(A, 10))).toEqual(['old']); // kept now
    logs.append(A, line('new'));
    expect(messages(logs.pageJson(A, 10))).toEqual(['old', 'new']);
  });

  it('drops the lines retention trimmed, and an older page with them', () => {
    const logs = makeService();
    retention = 3;
    for (let i = 1; i <= 3; i += 1) logs.append(A, line(`l${i}`));
    expect(messages(logs.pageJson(A, 10, 3))).toEqual(['l1', 'l2']);
    logs.append(A, line('l4'));
    logs.flush();
    expect(messages(logs.pageJson(A, 10, 3))).toEqual(['l2']);
  });

  it('answers 404 for a deleted instance instead of its kept page', () => {
    const logs = makeService();
    logs.append(A, line('gone soon'));
    expect(messages(logs.pageJson(A, 10))).toEqual(['gone soon']);
    store.instances.delete(A);
    expect(() => logs.pageJson(A, 10)).toThrow(AppError);
  });

  it('shows a line stored through another connection within the data_version interval', async () => {
    const logs = makeService();
    logs.append(A, line('here'));
    expect(messages(logs.pageJson(A, 10))).toEqual(['here']);
    const other = openDatabase(dir);
    try {
      const at = new Date(nowMs).toISOString();
      other
        .prepare('INSERT INTO log_lines (instance_id, seq, ts, level, source, message) VALUES (?, 2, ?, ?, ?, ?)')
        .run(A, at, 'INFO', 'server', 'there');
    } finally {
      other.close();
    }
    await new Promise((r) => setTimeout(r, 150));
    expect(messages(logs.pageJson(A, 10))).toEqual(['here', 'there']);
  });
});
