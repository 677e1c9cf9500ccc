/** The processes under test (control plane, bare express) and the keep-alive load loop against them. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { RawKeepAliveClient } from './rest-bench-client.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface Target {
  label: string;
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

export interface RouteResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  bytes: number;
  /** The server process's CPU time (user + system) per request: steadier than rates on a busy machine. */
  cpuUsPerReq: number | null;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function waitForHealth(child: ChildProcess, url: string): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url}: no answer within 60 s`);
}

async function startChild(label: string, argv: string[], healthPath: string, port: number): Promise<Target> {
  const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await waitForHealth(child, `http://127.0.0.1:${port}${healthPath}`);
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return { label, child, port, stop };
}

/**
 * `npm run serve` as users run it: the built control plane on the seeded data dir. `nodeFlags` go
 * before the script (`--cpu-prof` and its directory, for a profile written when it stops).
 */
export async function startControlPlane(dataDir: string, nodeFlags: string[] = []): Promise<Target> {
  const port = await freePort();
  const argv = [
    ...nodeFlags,
    'scripts/run-built.mjs',
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
  ];
  return startChild('control plane', argv, '/api/v1/health', port);
}

/**
 * The baseline: express with one JSON route and nothing else, in its own process like the control
 * plane. `/bytes/N` answers `res.json` of a ready string, N bytes in all: what bare express does for
 * a body as large as a route's, the least any route of that size can cost.
 */
export async function startBareExpress(): Promise<Target> {
  const port = await freePort();
  const code = `import express from 'express';
    const app = express();
    app.get('/', (_req, res) => void res.json({ hello: 'world' }));
    const texts = new Map();
    app.get('/bytes/:n', (req, res) => {
      const n = Math.max(8, Number(req.params.n));
      if (!texts.has(n)) texts.set(n, 'x'.repeat(n - 8));
      res.json({ s: texts.get(n) });
    });
    app.listen(${port}, '127.0.0.1');`;
  return startChild('bare express', ['--input-type=module', '-e', code], '/', port);
}

/** Resident set of a process, from /proc (Linux); null elsewhere. */
export function rssMiB(pid: number | undefined): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** User + system CPU time of a process in ms, from /proc (Linux, 100 ticks/s); null elsewhere. */
export function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * `requests` GETs of one path over `concurrency` keep-alive connections, each sent when its
 * predecessor answered; `headers` are extra request header lines (each ending in CRLF).
 */
export async function load(
  target: Target,
  urlPath: string,
  requests: number,
  concurrency: number,
  headers = '',
): Promise<RouteResult> {
  const clients = Array.from({ length: concurrency }, () => new RawKeepAliveClient(target.port, headers));
  const latencies: number[] = [];
  let next = 0;
  let bytes = 0;
  const worker = async (client: RawKeepAliveClient) => {
    while (next < requests) {
      next++;
      const t = performance.now();
      bytes = await client.get(urlPath);
      latencies.push(performance.now() - t);
    }
  };
  const cpuBefore = cpuMs(target.child.pid);
  const started = performance.now();
  await Promise.all(clients.map(worker));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuMs(target.child.pid);
  clients.forEach((c) => c.close());
  latencies.sort((a, b) => a - b);
  const cpuUsPerReq = cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / requests;
  return {
    reqPerSec: requests / seconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    bytes,
    cpuUsPerReq,
  };
}

/** One GET's body as JSON (to find a cursor for the next-page routes). */
export async function getJson(port: number, urlPath: string): Promise<unknown> {
  return (await fetch(`http://127.0.0.1:${port}${urlPath}`)).json();
}
