import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../domain/clock.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { LocalAgent } from './local-agent.ts';

let dir: string;
let store: Store;
let agent: LocalAgent | null = null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-local-agent-'));
  store = createStore(openDatabase(dir));
});
afterEach(() => {
  agent?.stop();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function heartbeats(bus: EventBus): WSEvent[] {
  const seen: WSEvent[] = [];
  bus.subscribe((e) => {
    if (e.event === 'agent:heartbeat') seen.push(e);
  });
  return seen;
}

describe('LocalAgent', () => {
  it('heartbeats at a changed interval from the change on, not when the old interval ends', async () => {
    const logger = createLogger({ silent: true });
    const bus = new EventBus(logger, true);
    const seen = heartbeats(bus);
    let intervalSec = 3600;
    agent = new LocalAgent({
      ...{ store, bus, logger, clock: systemClock, version: '0.0.0' },
      dataRoot: () => dir,
      heartbeatIntervalSec: () => intervalSec,
    });
    agent.start();
    await expect.poll(() => seen.length).toBe(1); // the one right at start
    intervalSec = 0.05;
    agent.reschedule();
    // Under the old hour-long timer nothing more would come; each later beat keeps one chain going.
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    agent.stop();
    const after = seen.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.length).toBeLessThanOrEqual(after + 1); // at most the one already in flight
  });

  it('keeps the id it was given (a remote agent runs its embedded manager as its own id)', () => {
    const logger = createLogger({ silent: true });
    const id = '0d0d0d0d-0000-4000-8000-00000000000d';
    const make = () =>
      new LocalAgent({
        ...{ store, bus: new EventBus(logger, true), logger, clock: systemClock, version: '0.0.0' },
        dataRoot: () => dir,
        heartbeatIntervalSec: () => 10,
        localAgentId: id,
      });
    expect(make().id).toBe(id);
  });
});
