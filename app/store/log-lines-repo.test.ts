import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LogEntry } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedAgent, seedInstance } from '../../test/helpers/store-fixtures.ts';
import { createStore, openDatabase, type Store } from './index.ts';

let dir: string;
let store: Store;
let instanceId: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-log-lines-'));
  store = createStore(openDatabase(dir));
  seedAgent(store);
  instanceId = seedInstance(store).id;
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const synchronous = () => store.db.pragma('synchronous', { simple: true });
const lines = (from: number, n: number): LogEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    instanceId,
    seq: from + i,
    timestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, 0, i)).toISOString(),
    level: 'INFO',
    source: 'server',
    message: `line ${from + i}`,
  }));

describe('LogLinesRepo.writeLazily', () => {
  it('stores the batch in order and gives the connection back its durable (FULL) commits', () => {
    expect(synchronous()).toBe(2);
    let level: unknown;
    store.logLines.writeLazily(() => {
      store.logLines.insertMany(lines(1, 300));
      level = synchronous();
    });
    expect(level).toBe(1);
    expect(synchronous()).toBe(2);
    expect(store.logLines.page(instanceId, 1000).map((e) => e.seq)).toEqual(lines(1, 300).map((e) => e.seq));
  });

  it('rolls the whole batch back when it fails, and still restores FULL', () => {
    expect(() =>
      store.logLines.writeLazily(() => {
        store.logLines.insertMany(lines(1, 10));
        throw new Error('disk on fire');
      }),
    ).toThrow('disk on fire');
    expect(synchronous()).toBe(2);
    expect(store.logLines.maxSeq(instanceId)).toBe(0);
  });

  it('inside a caller’s transaction leaves the commit to it', () => {
    store.db.transaction(() => {
      store.logLines.writeLazily(() => store.logLines.insertMany(lines(1, 5)));
      expect(synchronous()).toBe(2);
    })();
    expect(store.logLines.maxSeq(instanceId)).toBe(5);
  });
});

describe('LogLinesRepo.pageJson', () => {
  // What a server or a mod can print: quotes, backslashes, control characters, NUL, non-ASCII,
  // astral characters, U+2028, a long line.
  const AWKWARD = [
    'plain',
    'quote " backslash \\ slash / tab \t CR \r LF \n',
    'bell \u0007 escape \u001b NUL \u0000 DEL \u007f',
    'é ✓ 🦖 \u2028 \u2029 \uFEFF',
    'x'.repeat(5000),
    '',
  ];

  it('gives each row as the very text JSON.stringify makes of page()’s entry, newest first', () => {
    const levels: LogEntry['level'][] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
    const sources: LogEntry['source'][] = ['server', 'manager', 'steamcmd'];
    store.logLines.insertMany(
      lines(1, 40).map((e, i) => ({
        ...e,
        level: levels[i % levels.length]!,
        source: sources[i % sources.length]!,
        message: AWKWARD[i % AWKWARD.length]!,
      })),
    );
    for (const [limit, before] of [
      [10, undefined],
      [7, 20],
      [100, undefined],
      [5, 3],
    ] as const) {
      const rows = store.logLines.pageJson(instanceId, limit, before);
      const entries = store.logLines.page(instanceId, limit, before).reverse();
      expect(rows.map((r) => r[1])).toEqual(entries.map((e) => e.seq));
      expect(rows.map((r) => r[0])).toEqual(entries.map((e) => JSON.stringify(e)));
    }
    expect(store.logLines.pageJson(instanceId, 10, 1)).toEqual([]);
  });
});
