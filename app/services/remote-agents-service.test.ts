import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgentHello, WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedAgent } from '../../test/helpers/store-fixtures.ts';
import type { Clock } from '../domain/clock.ts';
import { EventBus } from '../events/event-bus.ts';
import { createLogger } from '../logger.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { AgentsService } from './agents-service.ts';
import { RemoteAgentsService } from './remote-agents-service.ts';

const HEARTBEAT_SEC = 2;
let dir: string;
let store: Store;
let now: Date;
let events: WSEvent[];
let remote: RemoteAgentsService;
let agents: AgentsService;

const clock: Clock = { now: () => now, sleep: () => Promise.resolve() };
const hello = (): AgentHello => ({
  v: 1,
  type: 'hello',
  name: null,
  hostname: 'basement-pc',
  platform: 'linux',
  version: '0.1.0',
  startedAt: now.toISOString(),
  defaults: {},
  instances: [],
});
const metrics = {
  cpuCount: 4,
  cpuPercent: 5,
  memoryTotalBytes: 8e9,
  memoryUsedBytes: 4e9,
  diskFreeBytes: 4e11,
  diskTotalBytes: 1e12,
  uptimeSec: 60,
};
const kinds = () => events.map((e) => e.event).filter((t) => t !== 'agent:heartbeat');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-remote-agents-'));
  store = createStore(openDatabase(dir));
  seedAgent(store);
  now = new Date('2026-12-06T10:00:00.000Z');
  events = [];
  const bus = new EventBus(createLogger({ silent: true }), true);
  bus.subscribe((e) => events.push(e));
  const logger = createLogger({ silent: true });
  remote = new RemoteAgentsService({ store, bus, clock, logger, heartbeatIntervalSec: () => HEARTBEAT_SEC });
  agents = new AgentsService(store, bus, clock);
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a remote host reconnecting, as the stale-agent monitor sees it', () => {
  it('stays ONLINE from its hello on, though its last heartbeat is from the connection before', () => {
    const { agent } = remote.create('Basement');
    remote.connected(agent.id, hello());
    remote.heartbeat(agent.id, { v: 1, type: 'heartbeat', metrics, instances: [], timestamp: now.toISOString() });
    // The connection drops; the host comes back a minute later, and the monitor ticks at once.
    remote.disconnected(agent.id, 'connection closed');
    now = new Date(now.getTime() + 60_000);
    remote.connected(agent.id, hello());
    agents.markStale(HEARTBEAT_SEC * 3);
    expect(store.agents.get(agent.id)?.status).toBe('ONLINE');
    expect(kinds()).toEqual(['agent:registered', 'agent:offline', 'agent:registered']);
    // Silent for longer than three intervals after that hello: offline, as before.
    now = new Date(now.getTime() + (HEARTBEAT_SEC * 3 + 1) * 1000);
    agents.markStale(HEARTBEAT_SEC * 3);
    expect(store.agents.get(agent.id)?.status).toBe('OFFLINE');
    expect(kinds().at(-1)).toBe('agent:offline');
  });
});
