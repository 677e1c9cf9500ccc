/**
 * One measured run: tell the client process what to expect, publish N events through one path at a
 * paced rate, and turn what the clients saw into events/s, latency and CPU per frame.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchServer, BroadcastPath, PathId } from './ws-bench-server.ts';
import { nowUs, progressPayload, type ClientRunStats, type FromClients, type ToClients } from './ws-bench-protocol.ts';

export interface Pacing {
  /** Events published back to back before yielding to the event loop (setImmediate). */
  burst: number;
  /** Most events in flight (published but not yet received by every client). */
  window: number;
  /** The clients acknowledge progress every this many events. */
  ackEvery: number;
}

export interface RunResult {
  path: PathId;
  eventsPerSec: number;
  framesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  cpuUsPerFrame: number;
  /** The client process's CPU per frame: if it nears the server's, the reader side limits the rate. */
  clientCpuUsPerFrame: number;
  /** Times the publisher found the window full and waited for the clients. */
  windowStalls: number;
  maxBufferedKiB: number;
  dropped: number;
}

const RUN_TIMEOUT_MS = 60_000;

/** The client process and the messages it sends back. */
export class ClientProcess {
  private readonly child: ChildProcess;
  private waiters: ((msg: FromClients) => void)[] = [];
  /** Highest event count that every client has acknowledged in the current run. */
  acked = 0;

  constructor() {
    const script = fileURLToPath(new URL('./ws-bench-clients.ts', import.meta.url));
    // A plain node process with the tsx loader; it inherits no --cpu-prof or inspector flags.
    this.child = fork(script, [], {
      execArgv: ['--import', import.meta.resolve('tsx')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (raw) => this.onMessage(raw as FromClients));
    this.child.on('exit', (code) => this.onMessage({ type: 'error', message: `client process exited (${code})` }));
  }

  send(msg: ToClients): void {
    this.child.send(msg);
  }

  /** Resolves with the next message of `type` (or any message when type is omitted); rejects on error. */
  next<T extends FromClients['type']>(
    type?: T,
    timeoutMs = RUN_TIMEOUT_MS,
  ): Promise<Extract<FromClients, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no '${type ?? 'any'}' from the client process in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const waiter = (msg: FromClients): void => {
        if (type && msg.type !== type && msg.type !== 'error') return void this.waiters.push(waiter);
        clearTimeout(timer);
        if (msg.type === 'error') reject(new Error(msg.message));
        else resolve(msg as Extract<FromClients, { type: T }>);
      };
      this.waiters.push(waiter);
    });
  }

  async quit(): Promise<void> {
    // The 'exit' handler that reports a crash must go first, or a normal exit would look like one.
    this.child.removeAllListeners('exit');
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.send({ type: 'quit' });
    await exited;
  }

  private onMessage(msg: FromClients): void {
    if (msg.type === 'ack') this.acked = Math.max(this.acked, msg.events);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(msg);
  }
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Publishes in bursts with a setImmediate between them, as events arriving from job and log I/O
 * would, and never lets more than `window` events be in flight: otherwise a path that is faster than
 * the clients drain would only be filling socket buffers, and that is not delivery.
 */
async function publish(
  server: BenchServer,
  path: BroadcastPath,
  events: number,
  pacing: Pacing,
  clients: ClientProcess,
): Promise<{ maxBuffered: number; stalls: number }> {
  let maxBuffered = 0;
  let stalls = 0;
  for (let seq = 0; seq < events;) {
    if (seq - clients.acked >= pacing.window) stalls += 1;
    while (seq - clients.acked >= pacing.window) await clients.next('ack').catch(() => undefined);
    const end = Math.min(events, seq + pacing.burst, clients.acked + pacing.window);
    for (; seq < end; seq++) path.send(progressPayload(seq, events));
    maxBuffered = Math.max(maxBuffered, server.maxBufferedBytes(path.group));
    await yieldToLoop();
  }
  return { maxBuffered, stalls };
}

/** What every run of one client count shares. */
export interface RunContext {
  server: BenchServer;
  clients: ClientProcess;
  pacing: Pacing;
  /** Clients connected to each server at the start (M); fewer at the end means drops. */
  expected: number;
}

export async function measure(ctx: RunContext, path: BroadcastPath, events: number): Promise<RunResult> {
  const { server, clients, pacing } = ctx;
  const before = server.connected(path.group);
  if (before === 0)
    return summarise(ctx, path.id, events, 0, null, { firstSendUs: 0, cpuUs: 0, maxBuffered: 0, stalls: 0 });
  clients.send({ type: 'expect', group: path.group, events, ackEvery: pacing.ackEvery });
  await clients.next('ready');
  clients.acked = 0;
  const done = clients.next('done');
  // It is awaited after publishing; until then a timeout must not count as an unhandled rejection.
  done.catch(() => undefined);
  const cpu0 = process.cpuUsage();
  const firstSendUs = nowUs();
  const { maxBuffered, stalls } = await publish(server, path, events, pacing, clients);
  const { stats } = await done;
  const cpu = process.cpuUsage(cpu0);
  // The client process may see a drop before or after the server has forgotten the socket.
  const stillOpen = Math.min(server.connected(path.group), before - stats.closed);
  return summarise(ctx, path.id, events, stillOpen, stats, {
    firstSendUs,
    cpuUs: cpu.user + cpu.system,
    maxBuffered,
    stalls,
  });
}

function summarise(
  ctx: RunContext,
  path: PathId,
  events: number,
  stillOpen: number,
  stats: ClientRunStats | null,
  m: { firstSendUs: number; cpuUs: number; maxBuffered: number; stalls: number },
): RunResult {
  const ms = (us: number | undefined): number => (us === undefined || us < 0 ? NaN : us / 1000);
  // Delivered = received by every client: the run ends when the last socket got the last event.
  const seconds = stats && stats.lastRecvUs > 0 ? (stats.lastRecvUs - m.firstSendUs) / 1e6 : Infinity;
  const frames = stillOpen > 0 ? events * stillOpen : NaN;
  return {
    path,
    eventsPerSec: events / seconds,
    framesPerSec: (events / seconds) * stillOpen,
    p50Ms: ms(stats?.p50Us),
    p99Ms: ms(stats?.p99Us),
    maxMs: ms(stats?.maxUs),
    cpuUsPerFrame: m.cpuUs / frames,
    clientCpuUsPerFrame: (stats?.cpuUs ?? 0) / frames,
    windowStalls: m.stalls,
    maxBufferedKiB: m.maxBuffered / 1024,
    dropped: ctx.expected - stillOpen,
  };
}
