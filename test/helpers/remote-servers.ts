import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CreatedAgent, Instance, Job } from '@ark-asa/contracts';
import { expect } from 'vitest';
import { pino } from 'pino';
import WebSocket from 'ws';
import type { Logger } from '../../app/logger.ts';
import { Harness, tempDir } from './harness.ts';
import { captured, freePort, ROOT, type Spawned } from './processes.ts';
import { eventAfter, startAgent, waitUntil } from './remote-agents.ts';
import { SimEnv } from './sim-env.ts';
import type { TestWsClient } from './ws-client.ts';

export type JobOutcome = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/** A remote host of the test: its record on the control plane, its agent process and its SteamCMD. */
export interface TestHost {
  name: string;
  agentId: string;
  token: string;
  dataDir: string;
  sim: SimEnv;
  agent: Spawned;
  instance?: Instance;
  pid?: number;
}

/**
 * A control plane in this process on a fixed port (agents must find it again after a restart), with
 * a short heartbeat interval and its log in a file of its data dir (read it when a mirror event was
 * dropped: the control plane logs why).
 */
export function startPlane(dataDir: string, port: number, heartbeatIntervalSec: number): Promise<Harness> {
  return Harness.start({
    dataDir,
    port,
    heartbeatIntervalSec,
    logger: fileLogger(path.join(dataDir, 'plane-test.log')),
  });
}

function fileLogger(file: string): Logger {
  return pino({ level: 'debug' }, pino.destination({ dest: file, sync: true, append: true }));
}

/** `npm run agent`'s entry as a real process, with the SteamCMD simulator as its steamcmd. */
export function startHostAgent(controlPlane: string, host: Pick<TestHost, 'token' | 'dataDir' | 'sim'>): Spawned {
  return startAgent(controlPlane, host.token, host.dataDir, ['--steamcmd-path', host.sim.steamcmdPath]);
}

/**
 * `npm run agent` exactly as a user runs it: scripts/run-built.mjs builds the agent's bundle (into
 * `outDir`, under dist/ so that packages resolve from the checkout, leaving dist/run alone) and runs it.
 */
export function startBuiltAgent(
  controlPlane: string,
  host: Pick<TestHost, 'token' | 'dataDir' | 'sim'>,
  outDir: string,
): Spawned {
  const args = ['--control-plane', controlPlane, '--token', host.token, '--data-dir', host.dataDir];
  return captured(
    spawn(process.execPath, ['scripts/run-built.mjs', 'agent', ...args, '--steamcmd-path', host.sim.steamcmdPath], {
      cwd: ROOT,
      env: { ...process.env, ARK_RUN_BUILT_DIR: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** A folder for run-built's bundles under the checkout's dist/ (removed by the caller). */
export function builtAgentDir(): string {
  fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  return fs.mkdtempSync(path.join(ROOT, 'dist', 'remote-servers-test-'));
}

/** How a job ended, from the /ws events (job:completed or job:failed). */
export function jobOutcome(ws: TestWsClient, jobId: string, timeoutMs = 90_000): Promise<JobOutcome> {
  return Promise.race([
    ws
      .waitFor('job:completed', (d) => d.jobId === jobId, timeoutMs)
      .then((d): JobOutcome => ({ ok: true, result: d.result })),
    ws
      .waitFor('job:failed', (d) => d.jobId === jobId, timeoutMs)
      .then((d): JobOutcome => ({ ok: false, error: d.error })),
  ]);
}

/** The job of a `202 {job}` answer; fails with the body when the answer is something else. */
export function acceptedJob(res: { status: number; body: unknown }): Job {
  if (res.status !== 202) throw new Error(`expected 202, got ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { job: Job }).job;
}

/** Whether a process runs (a zombie, dead but not yet reaped by its parent, does not count). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Kills whatever of these processes still runs and waits until they are gone. */
export async function killPids(pids: Iterable<number>): Promise<void> {
  const left = [...pids].filter(isAlive);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  await waitUntil('killed processes gone', () => left.every((pid) => !isAlive(pid)), 20_000);
}

/** Ends a spawned process of the test if it still runs (a stopped one is woken first). */
export async function endProcess(p: Spawned): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGCONT');
  p.child.kill('SIGKILL');
  await p.exited;
}

/** The HTTP status a raw agent-channel handshake with `token` gets (101 when accepted). */
export function channelHandshake(url: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/agent-channel`, {
      headers: { authorization: `Bearer ${token}` },
    });
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => resolve(0));
  });
}

/** The events `journal` (the server simulator's) recorded of one kind: e.g. one `started` per process. */
export function journalCount(journal: { event: string }[], event: string): number {
  return journal.filter((e) => e.event === event).length;
}

export function inst(host: TestHost): Instance {
  if (!host.instance) throw new Error(`no server was created on ${host.name}`);
  return host.instance;
}

export const instanceRoute = (host: TestHost, rest = ''): string => `/api/v1/instances/${inst(host).id}${rest}`;

export const journalOf = (host: TestHost): { event: string; command?: string }[] =>
  host.sim.journal(inst(host).installPath!);

export async function instancesOf(h: Harness): Promise<Instance[]> {
  return (await h.api<{ items: Instance[] }>('GET', '/api/v1/instances?limit=500')).body.items;
}

/**
 * The pids GET /api/v1/instances shows for these servers, once they are `expected` or after
 * `withinMs` (the mirror may learn them from the host's next heartbeat rather than at once).
 */
export async function pidsListed(
  h: Harness,
  expected: (readonly [string, number | null])[],
  withinMs: number,
): Promise<(readonly [string, number | null])[]> {
  const read = async () => {
    const items = await instancesOf(h);
    return expected.map(([id]) => [id, items.find((i) => i.id === id)?.runtime?.pid ?? null] as const);
  };
  const same = async () => JSON.stringify(await read()) === JSON.stringify(expected);
  await waitUntil('pids in the list', same, withinMs).catch(() => undefined);
  return read();
}

/** A first registration starts the host's embedded manager only once welcomed: until then, 503. */
export function hostReady(h: Harness, host: TestHost): Promise<true> {
  return waitUntil(
    `${host.name} answering forwarded calls`,
    async () => (await h.api('GET', `/api/v1/builds?agentId=${host.agentId}`)).status === 200,
  );
}

/** What a forwarded call for a host that is not connected answers. */
export function offlineAnswer(host: TestHost): { status: number; body: unknown } {
  return {
    status: 503,
    body: {
      error: expect.objectContaining({ code: 'agent-offline', message: `Host "${host.name}" is offline` }) as unknown,
    },
  };
}

/**
 * Waits for two heartbeats of the host that no longer name its server (its manager sampled again);
 * says whether a heartbeat in between still named it (a sample from before the server ended).
 */
export async function heartbeatsNotNaming(ws: TestWsClient, host: TestHost): Promise<boolean> {
  const mark = ws.events.length;
  const without = (d: { agentId: string; instances: { instanceId: string }[] }) =>
    d.agentId === host.agentId && !d.instances.some((m) => m.instanceId === inst(host).id);
  for (let beats = 0; beats < 2; beats += 1) await eventAfter(ws, ws.events.length, 'agent:heartbeat', without, 30_000);
  return ws.events
    .slice(mark)
    .some((e) => e.event === 'agent:heartbeat' && JSON.stringify(e.data).includes(inst(host).id));
}

/** A remote host: its record on the control plane, its agent process (TypeScript entry) and its SteamCMD, welcomed. */
export async function addHost(h: Harness, ws: TestWsClient, name: string): Promise<TestHost> {
  const res = await h.api<CreatedAgent>('POST', '/api/v1/agents', { name });
  expect(res.status).toBe(201);
  const host = { name, token: res.body.token, dataDir: tempDir(`ark-agent-${name}-`), sim: await SimEnv.create() };
  const full: TestHost = { ...host, agentId: res.body.agent.id, agent: startHostAgent(h.url, host) };
  await ws.waitFor('agent:registered', (d) => d.agentId === full.agentId, 120_000);
  await hostReady(h, full);
  return full;
}

/** Installs the simulated build on a host (`agentId`) or on this PC (none) and creates a server on it. */
export async function installedServer(
  h: Harness,
  ws: TestWsClient,
  sim: SimEnv,
  name: string,
  agentId?: string,
): Promise<Instance> {
  const host = agentId ? { agentId } : {};
  const job = acceptedJob(await h.api('POST', '/api/v1/builds/install', host));
  expect(await jobOutcome(ws, job.id)).toMatchObject({ ok: true });
  const settings = { map: 'TheIsland_WP', sessionName: name, gamePort: await freePort(), rconPort: await freePort() };
  const res = await h.api<Instance>('POST', '/api/v1/instances', { name, settings, ...host });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await sim.server(res.body.installPath!, { startupSeconds: 1 });
  return res.body;
}
