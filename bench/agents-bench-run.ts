/**
 * One case of the agents bench: a fresh control plane, N simulated agents with their servers, a /ws
 * reader, events at a fixed rate per server; the control plane's CPU over the measured window and
 * each measured event's latency from agent to /ws client.
 */
import type { AgentsBenchArgs, CaseSpec } from './agents-bench-args.ts';
import { SimAgent } from './agents-bench-agent.ts';
import type { Phase } from './agents-bench-messages.ts';
import { simServers } from './agents-bench-messages.ts';
import { createHosts, startPlane, waitForServers, type Plane } from './agents-bench-plane.ts';
import { watchStalls, type Stalls } from './agents-bench-probe.ts';
import { WsReader } from './agents-bench-reader.ts';

export interface CaseRun extends Stalls {
  key: string;
  agents: number;
  /** Events per second per server. */
  rate: number;
  servers: number;
  /** Measured events handed to the agents' sockets, and those the /ws client received. */
  sent: number;
  delivered: number;
  wallSec: number;
  /** Control plane CPU seconds per wall second over the window; null without /proc. */
  cpuPerSec: number | null;
  /** The same control plane before any agent connected (local agent, timers): its floor. */
  idleCpuPerSec: number | null;
  /** The same, with the agents connected and heartbeating, their servers mirrored, no events yet. */
  connectedCpuPerSec: number | null;
  /** Seconds per second the plane's main thread waited for a CPU over the window (other work on the machine). */
  runqWaitPerSec: number | null;
  /** The bench process's own CPU over the window (agents + reader share it). */
  benchCpuPerSec: number;
  latenciesMs: number[];
  heartbeats: number;
  /** Agents whose channel the control plane closed before the end (close code and reason each). */
  cut: string[];
}

const QUIET_SECONDS = 3;
const SNAPSHOT_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 10_000;
/** Tick of the pacer: events due since the last tick are sent together. */
const TICK_MS = 2;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Server k's events fall at offset_k + n/rate, the offsets spread over one period so sends do not bunch. */
async function pace(agents: SimAgent[], rate: number, seconds: number, phase: Phase): Promise<void> {
  const slots = agents.flatMap((agent) => agent.servers.map((_, i) => ({ agent, i, count: 0 })));
  const perServer = Math.round(seconds * rate);
  const start = performance.now();
  for (;;) {
    const elapsed = (performance.now() - start) / 1000;
    slots.forEach((slot, k) => {
      const offset = k / (slots.length * rate);
      const due = elapsed < offset ? 0 : Math.min(perServer, Math.floor((elapsed - offset) * rate) + 1);
      for (; slot.count < due; slot.count++) slot.agent.emit(slot.i, phase);
    });
    if (elapsed >= seconds) return;
    await sleep(TICK_MS);
  }
}

/** The plane's CPU seconds per second while nothing but its own timers (and heartbeats) run. */
async function quietCpu(plane: Plane): Promise<number | null> {
  await sleep(1000);
  const before = plane.cpuMs();
  const t = performance.now();
  await sleep(QUIET_SECONDS * 1000);
  const after = plane.cpuMs();
  return before === null || after === null ? null : (after - before) / (performance.now() - t);
}

async function makeAgents(plane: Plane, args: AgentsBenchArgs, count: number): Promise<SimAgent[]> {
  const hosts = await createHosts(plane.port, count);
  return hosts.map((h, i) => new SimAgent(i, h.agentId, h.token, simServers(h.agentId, i, args.servers), i / count));
}

/** Connects every agent and waits until the control plane lists every server their snapshots carried. */
async function connectAgents(plane: Plane, agents: SimAgent[]): Promise<void> {
  await Promise.all(agents.map((a) => a.connect(plane.port)));
  const ids = new Set(agents.flatMap((a) => a.servers.map((s) => s.id)));
  const listed = await waitForServers(plane.port, ids, SNAPSHOT_TIMEOUT_MS);
  if (listed < ids.size) {
    throw new Error(
      `the control plane lists ${listed} of the ${ids.size} servers the agents' snapshots carried after ` +
        `${SNAPSHOT_TIMEOUT_MS / 1000} s: does this build apply agent snapshots (the phase 2 mirror)?`,
    );
  }
}

async function measureWindow(plane: Plane, agents: SimAgent[], reader: WsReader, args: AgentsBenchArgs, rate: number) {
  await pace(agents, rate, args.warmupSeconds, 'warm');
  const cpu0 = plane.cpuMs();
  const runq0 = plane.runqWaitMs();
  const bench0 = process.cpuUsage();
  const heartbeats0 = reader.heartbeats;
  const stalls = watchStalls(plane.port);
  const t0 = performance.now();
  await pace(agents, rate, args.seconds, 'measure');
  const wallMs = performance.now() - t0;
  const cpu1 = plane.cpuMs();
  const runq1 = plane.runqWaitMs();
  const bench = process.cpuUsage(bench0);
  const stalled = await stalls.stop();
  const heartbeats = reader.heartbeats - heartbeats0;
  const sent = agents.reduce((n, a) => n + a.sent.measure, 0);
  await reader.drain(sent, DRAIN_TIMEOUT_MS);
  return {
    sent,
    wallSec: wallMs / 1000,
    cpuPerSec: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / wallMs,
    runqWaitPerSec: runq0 === null || runq1 === null ? null : (runq1 - runq0) / wallMs,
    benchCpuPerSec: (bench.user + bench.system) / 1000 / wallMs,
    heartbeats,
    ...stalled,
  };
}

export async function runCase(args: AgentsBenchArgs, spec: CaseSpec): Promise<CaseRun> {
  const plane = await startPlane(args.heartbeatSec);
  let agents: SimAgent[] = [];
  let reader: WsReader | null = null;
  try {
    const idleCpuPerSec = await quietCpu(plane);
    reader = await WsReader.open(plane.port);
    agents = await makeAgents(plane, args, spec.agents);
    for (const a of agents) reader.agentIds.add(a.agentId);
    await connectAgents(plane, agents);
    const connectedCpuPerSec = await quietCpu(plane);
    const w = await measureWindow(plane, agents, reader, args, spec.rate);
    const cut = agents.flatMap((a) => (a.lost === null ? [] : [a.lost]));
    return {
      ...spec,
      servers: spec.agents * args.servers,
      delivered: reader.received.measure,
      latenciesMs: reader.latenciesMs,
      idleCpuPerSec,
      connectedCpuPerSec,
      cut,
      ...w,
    };
  } finally {
    await Promise.all(agents.map((a) => a.close()));
    reader?.close();
    await plane.stop();
  }
}
