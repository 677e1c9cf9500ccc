import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings, type LogEntry, type WSEvent } from '@ark-asa/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../domain/clock.ts';
import { isoNow } from '../domain/clock.ts';
import { ServerLogText, type ServerLogLine } from '../domain/server-log.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { LogService } from './log-service.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { seedAgent } from '../../test/helpers/store-fixtures.ts';
import { LineSplitter } from '../agents/logs/line-splitter.ts';
import type { LogSink } from '../agents/logs/log-sink.ts';
import { ServerLogLines } from '../agents/logs/server-log-lines.ts';

const AGENT = 'a0000000-0000-4000-8000-000000000000';
const LIMIT = 4;
const MAX_LINE = 120;
const P = '[2025.11.05-16.11.49:765][ 12]';
const ID = '00020000000000000000000000009e3779b1';

/** Lines of a busy server's log, markers and look-alikes among them. */
const LINES = [
  `${P}LogNet: Join request: /Game/Maps/TheIsland_WP?Name=Survivor?SplitscreenCount=1`,
  `${P}LogPrimalStructure: Structure destroyed: StorageBox_Small_C_1 at X=1.5`,
  `${P}LogOnlineSession: Warning: OSS: Session update failed`,
  `${P}LogStreaming: Error: Couldn't find file for package`,
  `${P}Log file open, 11/05/25 17:11:49`,
  `${P}LogExit: Game engine shut down`,
  `${P}Server has completed startup and is now advertising for join.`,
  `${P}Full Startup: 35.17 seconds`,
  `${P}World Save Complete. Took: 0.51`,
  `${P}World Save Complete.`,
  `${P}2025.11.05_16.11.49: Rex Hunter [UniqueNetId:${ID} Platform:None] joined this ARK!`,
  `${P}2025.11.05_16.11.49: Big [Bad] Wolf [UniqueNetId:${ID} Platform:XSX] left this ARK!  `,
  `${P}2025.11.05_16.11.49: Rex (Rexy): Server has completed startup and is now advertising for join`,
  `${P}2025.11.05_16.11.49: Rex (Rexy): hi [UniqueNetId:${ID} Platform:None] joined this ARK!`,
  `2025.11.05_16.11.49: Jörg 🦖 [UniqueNetId:${ID} Platform:None] joined this ARK!`,
  `\uFEFF${P}Log file open`,
  'Full Startup: 3 seconds',
  'a continuation line without prefix',
  `${P}Commandline: TheIsland_WP?ServerAdminPassword=hunter2?Port=7777`,
  `${P}LogNet: a line far longer than the cap ${'x'.repeat(150)} World Save Complete. Took: 1`,
  `${P}LogNet: ${'é'.repeat(130)}`,
  `${P}LogNet: a\u2028line separator joined this ARK!`,
  '',
  '   ',
  '\t\u00a0',
  '\r',
];

/** A line of the log apart from its instance: each path writes to an instance of its own. */
type Line = Omit<LogEntry, 'instanceId'>;

interface Seen {
  events: Line[];
  stored: Line[];
  markers: ServerLogLine['marker'][];
  notices: string[];
}

let dir: string;
let store: Store;
let runs = 0;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-log-lines-'));
  store = createStore(openDatabase(dir));
  seedAgent(store, AGENT);
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function newInstance(): string {
  runs += 1;
  const id = `1a1a1a1a-0000-4000-8000-${String(runs).padStart(12, '0')}`;
  const at = new Date(0).toISOString();
  store.instances.insert({
    ...{ id, name: id, agentId: AGENT, status: 'RUNNING', buildId: null, installPath: null },
    ...{ settings: InstanceSettings.parse({}), process: null, createdAt: at, updatedAt: at },
  });
  return id;
}

/** The follower's per-line path as it was: every line sliced, read and offered, every line to onLine. */
function perLinePath(instanceId: string, sink: LogSink, clock: Clock, onLine: (l: ServerLogLine) => void) {
  return (text: string) => {
    if (text.trim() === '') return;
    const line = new ServerLogText(text);
    sink.appendLazy!(instanceId, 'server', () => ({
      level: line.level,
      source: 'server',
      message: line.message,
      timestamp: line.timestamp ?? isoNow(clock),
    }));
    onLine(line);
  };
}

/**
 * Feeds `bytes` in the given pieces through one path, the clock moving between pieces only. The
 * supervisor's stand-in appends a manager line on some markers, as `ready` makes the real one do.
 */
function run(bytes: Buffer, cuts: number[], steps: number[], chunked: boolean): Seen {
  const instanceId = newInstance();
  const events: LogEntry[] = [];
  const bus = new EventBus(createLogger({ silent: true }), true);
  bus.subscribe((e: WSEvent) => {
    if (e.event === 'instance:log' && e.data.instanceId === instanceId) events.push(e.data);
  });
  let nowMs = Date.UTC(2025, 10, 5, 16, 0, 0);
  const clock: Clock = { now: () => new Date(nowMs), sleep: () => Promise.resolve() };
  const logs = new LogService({
    ...{ store, bus, logger: createLogger({ silent: true }), clock, retention: () => 100_000 },
    maxLinesPerSecond: LIMIT,
  });
  const markers: ServerLogLine['marker'][] = [];
  const onLine = (l: ServerLogLine) => {
    if (!l.marker) return;
    markers.push(l.marker);
    if (l.marker.kind === 'ready' || l.marker.kind === 'player-left') {
      logs.append(instanceId, { level: 'INFO', source: 'manager', message: `saw ${l.marker.kind}` });
    }
  };
  // The old path's sink has no skipMany: it is offered every line.
  const sink: LogSink = chunked
    ? logs
    : { append: (i, l) => logs.append(i, l), appendLazy: (i, s, m) => logs.appendLazy(i, s, m) };
  const splitter = chunked
    ? new LineSplitter(
        new ServerLogLines({
          instanceId,
          sink,
          clock,
          onLine,
          onError: (e) => {
            throw e;
          },
        }),
        MAX_LINE,
      )
    : new LineSplitter(perLinePath(instanceId, sink, clock, onLine), MAX_LINE);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const [i, c] of [...at, bytes.length].entries()) {
    splitter.push(bytes.subarray(from, c));
    from = c;
    nowMs += steps[i % Math.max(steps.length, 1)] ?? 0;
  }
  splitter.end();
  logs.stop();
  const strip = ({ seq, timestamp, level, source, message }: LogEntry): Line => ({
    ...{ seq, timestamp, level },
    ...{ source, message },
  });
  const stored = logs.page(instanceId, 100_000).items.map(strip);
  const notices = stored.filter((e) => e.source === 'manager' && e.message.startsWith('…')).map((e) => e.message);
  return { events: events.map(strip), stored, markers, notices };
}

const file = fc
  .tuple(
    fc.array(fc.nat(LINES.length - 1), { minLength: 1, maxLength: 120 }),
    fc.boolean(),
    fc.array(fc.boolean(), { maxLength: 10 }),
  )
  .map(([picks, bom, crlf]) => {
    const text = picks.map((p, i) => LINES[p]! + (crlf[i % Math.max(crlf.length, 1)] ? '\r\n' : '\n')).join('');
    return Buffer.from((bom ? '\uFEFF' : '') + text);
  });

describe('LogService fed by ServerLogLines (a flood counted in bulk)', () => {
  it('stores, publishes and marks what the per-line path does, however the file is read (property)', () => {
    fc.assert(
      fc.property(
        file,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.constantFrom(0, 0, 1, 250, 999, 1000, 1700), { maxLength: 12 }),
        (bytes, cuts, steps) => {
          const old = run(bytes, cuts, steps, false);
          const chunked = run(bytes, cuts, steps, true);
          expect(chunked.markers).toEqual(old.markers);
          expect(chunked.notices).toEqual(old.notices);
          expect(chunked.events).toEqual(old.events);
          expect(chunked.stored).toEqual(old.stored);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts a flood past the limit into one notice per window, and still hands on its markers', () => {
    const body = Array.from({ length: 1000 }, (_, i) =>
      i % 100 === 50 ? `${P}World Save Complete. Took: ${i}` : `${P}LogNet: line ${i}`,
    );
    const bytes = Buffer.from(`${body.join('\r\n')}\r\n`);
    const seen = run(bytes, [70_000 % bytes.length], [1000], true);
    expect(seen.markers).toHaveLength(10);
    // Two reads a second apart: two windows, each keeping LIMIT lines and noticing the rest.
    expect(seen.notices).toHaveLength(2);
    const skipped = seen.notices.map((n) => Number(/^… (\d+) server log lines skipped/.exec(n)?.[1]));
    expect(skipped[0]! + skipped[1]!).toBe(1000 - 2 * LIMIT);
    expect(seen).toEqual(run(bytes, [70_000 % bytes.length], [1000], false));
  });
});
