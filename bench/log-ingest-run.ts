/**
 * One measured run of the log ingestion bench: the manager's real path (ServerLogFollower →
 * LogService → SQLite store → EventBus → WsHub → a /ws client in another process), or the bare
 * baseline (read the same file in the same chunks and split it into lines, nothing else).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { InstanceSettings } from '@ark-asa/contracts';
import { serverLogPath, ServerLogFollower } from '../app/agents/logs/server-log-follower.ts';
import { systemClock } from '../app/domain/clock.ts';
import { EventBus } from '../app/events/event-bus.ts';
import { SecurityGuard } from '../app/http/security.ts';
import { createUpgradeHandler } from '../app/http/ws-upgrade.ts';
import { createLogger } from '../app/logger.ts';
import { LogService } from '../app/services/log-service.ts';
import { createStore, openDatabase, type Store } from '../app/store/index.ts';
import { WsHub } from '../app/ws/ws-hub.ts';

/**
 * The bare loops' read sizes: what the tailer reads per poll at most (LogTailer's default), and what
 * it reads at a time (FollowedFile). The verdict takes the faster loop of each round.
 */
export const BARE_CHUNK = 1024 * 1024;
export const TAILER_CHUNK = 64 * 1024;

export interface RunResult {
  lines: number;
  seconds: number;
  linesPerSec: number;
  /** CPU time (user + system) of this process per line: steadier than rates on a busy machine. */
  cpuUsPerLine: number;
  /** Lines stored and published as `instance:log` (the rest were over the per-instance limit). */
  stored?: number;
  /** Peak RSS of this process during the run minus RSS just before it. */
  rssGrowthMiB?: number;
  slowClient?: { dropped: boolean; readKiB: number };
}

/** Bare read-and-split: the least any tail of this file must do, reading `chunk` bytes at a time. */
export async function bareReadAndSplit(file: string, chunk = BARE_CHUNK): Promise<RunResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const handle = await fs.promises.open(file, 'r');
  const buf = Buffer.allocUnsafe(chunk);
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let lines = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buf, 0, chunk, null);
    if (bytesRead === 0) break;
    const text = partial + decoder.write(buf.subarray(0, bytesRead));
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      lines += 1;
      from = nl + 1;
    }
    partial = text.slice(from);
  }
  await handle.close();
  const seconds = (performance.now() - started) / 1000;
  return { lines, seconds, linesPerSec: lines / seconds, cpuUsPerLine: cpuUs(cpu) / lines };
}

/** The /ws reader of the UI, in its own process (bench/log-ingest-client.ts). */
export class FastClient {
  private readonly child: ChildProcess;

  constructor() {
    const script = path.join(import.meta.dirname, 'log-ingest-client.ts');
    this.child = fork(script, [], { execArgv: ['--import', import.meta.resolve('tsx')] });
  }

  async connect(url: string): Promise<void> {
    await this.next((m) => m.connected === true, { url });
  }

  /** Resolves when the client has received `instance:log` up to this seq. */
  waitFor(seq: number): Promise<{ reached: number; events: number }> {
    return this.next((m) => typeof m.reached === 'number', { expect: seq }) as Promise<{
      reached: number;
      events: number;
    }>;
  }

  close(): void {
    this.child.kill();
  }

  private next(match: (m: Record<string, unknown>) => boolean, send: object): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      const on = (m: Record<string, unknown>) => {
        if (!match(m)) return;
        this.child.off('message', on);
        resolve(m);
      };
      this.child.on('message', on);
      this.child.send(send);
    });
  }
}

/** A UI in a frozen tab: it completes the handshake, then reads 64 KiB at most every 100 ms. */
function slowClient(port: number): { readKiB: () => number; close: () => void } {
  const socket = net.connect(port, '127.0.0.1');
  let read = 0;
  socket.write(
    `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  socket.on('data', (chunk: Buffer) => {
    read += chunk.length;
    socket.pause();
    setTimeout(() => socket.resume(), 100).unref();
  });
  socket.on('error', () => socket.destroy());
  return { readKiB: () => read / 1024, close: () => socket.destroy() };
}

export interface ManagerRunOptions {
  dir: string;
  content: Buffer;
  lines: number;
  /** Lines per second per instance that LogService passes (the product's is 200); Infinity for none. */
  limit: number;
  client: FastClient;
  withSlowClient: boolean;
}

interface Plane {
  store: Store;
  logs: LogService;
  hub: WsHub;
  server: http.Server;
  instanceId: string;
}

async function startPlane(dir: string, limit: number): Promise<Plane> {
  const logger = createLogger({ silent: true });
  const store = createStore(openDatabase(dir));
  const now = new Date().toISOString();
  const agentId = randomUUID();
  store.agents.upsert({
    ...{ id: agentId, name: 'bench', kind: 'local', status: 'ONLINE', hostname: 'bench', platform: 'linux' },
    ...{ version: '0.0.0', registeredAt: now, lastHeartbeatAt: null, metrics: null },
  });
  const instanceId = randomUUID();
  store.instances.insert({
    ...{ id: instanceId, name: 'bench', agentId, status: 'RUNNING', buildId: null, installPath: null },
    ...{ settings: InstanceSettings.parse({}), process: null, createdAt: now, updatedAt: now },
  });
  const bus = new EventBus(logger);
  const hub = new WsHub({ logger });
  hub.attach(bus);
  const logs = new LogService({
    store,
    bus,
    logger,
    clock: systemClock,
    retention: () => 5000,
    maxLinesPerSecond: limit,
  });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const guard = new SecurityGuard({ exposed: false, token: null });
  server.on('upgrade', createUpgradeHandler({ guard, hub, logger }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { store, logs, hub, server, instanceId };
}

async function stopPlane(p: Plane): Promise<void> {
  p.logs.stop();
  await p.hub.close();
  await new Promise((r) => p.server.close(r));
  p.store.close();
}

function cpuUs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return d.user + d.system;
}

/** Samples RSS until stopped; returns the peak growth over the RSS at the start. */
function rssWatch(): () => number {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  return () => {
    clearInterval(timer);
    return (Math.max(peak, process.memoryUsage.rss()) - before) / 2 ** 20;
  };
}

/**
 * The server writes the whole log at full speed while the manager follows it. Timed from the first
 * line the follower takes to the last one it takes (with a limit) or the last one the UI receives
 * (without one: every line went through the store and /ws).
 */
export async function managerRun(o: ManagerRunOptions): Promise<RunResult> {
  const plane = await startPlane(o.dir, o.limit);
  const port = (plane.server.address() as AddressInfo).port;
  await o.client.connect(`ws://127.0.0.1:${port}/ws`);
  const slow = o.withSlowClient ? slowClient(port) : null;
  while (plane.hub.clientCount < (slow ? 2 : 1)) await new Promise((r) => setTimeout(r, 5));
  let first = 0;
  let last = 0;
  let done: () => void = () => undefined;
  const allTaken = new Promise<void>((r) => (done = r));
  // The file's first line is `Log file open` and its last the engine's shutdown: the follower hands
  // both markers on, whether or not the limit keeps the line, and takes every line in between.
  const follower = new ServerLogFollower({
    ...{ instanceId: plane.instanceId, installDir: o.dir, sink: plane.logs, clock: systemClock },
    logger: createLogger({ silent: true }),
    onLine: (line) => {
      if (line.marker?.kind === 'log-open') first = performance.now();
      if (line.marker?.kind === 'exit') {
        last = performance.now();
        done();
      }
    },
  });
  await follower.start({ fromStart: true });
  const received = Number.isFinite(o.limit) ? null : o.client.waitFor(o.lines);
  const rss = rssWatch();
  const file = serverLogPath(o.dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, o.content);
  // After the write: it is the server's work, not the manager's (the baseline reads a file written
  // before it starts), and it cost up to a sixth of the manager's CPU per line, all of it in the
  // kernel. The write is synchronous, so the follower has not run yet and nothing of it is left out.
  const cpu = process.cpuUsage();
  await allTaken;
  if (received) {
    await received;
    last = performance.now();
  }
  plane.logs.flush();
  const taken = follower.lines;
  if (taken !== o.lines) throw new Error(`the follower took ${taken} lines of ${o.lines}`);
  const cpuUsPerLine = cpuUs(cpu) / taken;
  const rssGrowthMiB = rss();
  const stored = plane.store.logLines.maxSeq(plane.instanceId);
  // Seen from the hub: a dropped client's own socket, paused, learns of it only after reading its backlog.
  const slowResult = slow ? { dropped: plane.hub.clientCount < 2, readKiB: slow.readKiB() } : undefined;
  slow?.close();
  await follower.stop();
  await stopPlane(plane);
  const seconds = (last - first) / 1000;
  const linesPerSec = taken / seconds;
  return { lines: taken, seconds, linesPerSec, cpuUsPerLine, stored, rssGrowthMiB, slowClient: slowResult };
}
