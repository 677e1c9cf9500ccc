/**
 * The control plane under test, as users run it (`npm run serve`, scripts/run-built.mjs), in a
 * child process of its own so that its CPU time can be read from /proc; and the REST calls the
 * bench makes on it (heartbeat interval, hosts and their tokens, the servers it lists).
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cpuMs, startControlPlane, type Target } from './rest-bench-load.ts';

export interface Plane {
  port: number;
  /** User + system CPU ms of the control plane's process so far; null without /proc. */
  cpuMs(): number | null;
  /** How long its main thread waited on a run queue for a CPU so far (ms, /proc schedstat); null without it. */
  runqWaitMs(): number | null;
  stop(): Promise<void>;
}

export interface Host {
  agentId: string;
  token: string;
}

async function call(port: number, method: string, urlPath: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${urlPath}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Time a process's main thread was runnable but not running: the machine's other work in its way. */
function runqWaitMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ');
    return Number(fields[1]) / 1e6;
  } catch {
    return null;
  }
}

/** A new data dir and a control plane on it, with the heartbeat interval the bench asks for. */
export async function startPlane(heartbeatSec: number): Promise<Plane> {
  const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'ark-agents-bench-'));
  let target: Target;
  try {
    target = await startControlPlane(dataDir);
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const plane: Plane = {
    port: target.port,
    cpuMs: () => cpuMs(target.child.pid),
    runqWaitMs: () => runqWaitMs(target.child.pid),
    stop: async () => {
      await target.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await call(plane.port, 'PATCH', '/api/v1/settings', { heartbeatIntervalSec: heartbeatSec });
  } catch (err) {
    await plane.stop();
    throw err;
  }
  return plane;
}

/** `count` remote hosts, as `POST /api/v1/agents` adds them (each token is shown this once). */
export async function createHosts(port: number, count: number): Promise<Host[]> {
  const hosts: Host[] = [];
  for (let i = 0; i < count; i++) {
    const created = (await call(port, 'POST', '/api/v1/agents', { name: `Bench host ${i + 1}` })) as {
      agent: { id: string };
      token: string;
    };
    hosts.push({ agentId: created.agent.id, token: created.token });
  }
  return hosts;
}

/** How many of `ids` `GET /api/v1/instances` lists (every page). */
export async function countListed(port: number, ids: ReadonlySet<string>): Promise<number> {
  let seen = 0;
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = (await call(port, 'GET', `/api/v1/instances?limit=500${query}`)) as {
      items: { id: string }[];
      nextCursor: string | null;
    };
    seen += page.items.filter((i) => ids.has(i.id)).length;
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

/**
 * Waits until the control plane lists every server of the agents' snapshots: the mirror drops
 * events for servers it does not know, so nothing is sent before. Resolves with the count listed.
 */
export async function waitForServers(port: number, ids: ReadonlySet<string>, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let seen = await countListed(port, ids);
  while (seen < ids.size && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    seen = await countListed(port, ids);
  }
  return seen;
}
