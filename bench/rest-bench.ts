/**
 * npm run bench:rest — every list route and filter of the REST API against a store with 100,000
 * jobs (one run each) and 1,000,000 log lines, next to a bare express hello-world measured in the
 * same run: req/s, p50/p99 and the ratio to the baseline, plus the control plane's RSS idle and after
 * the reads. The control plane runs as `npm run serve` does (scripts/run-built.mjs). See bench/README.md.
 */
import fs from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  getJson,
  load,
  rssMiB,
  startBareExpress,
  startControlPlane,
  type RouteResult,
  type Target,
} from './rest-bench-load.ts';
import { seedStore, type SeedSize } from './rest-bench-seed.ts';

const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 10;

export const USAGE = `Usage: npm run bench:rest -- [--quick] [--jobs N] [--log-lines N] [--requests N] [--concurrency N] [--rounds N] [--routes A,B] [--cpu-prof DIR] [--json]
  --quick        10,000 jobs, 100,000 log lines, 500 requests per route (a smoke run, ~30 s)
  --without-list-indexes  drop migration 007's indexes after seeding (the "before" of the list indexes)
  --jobs         jobs in the seeded store (default 100000, each with one run)
  --log-lines    log lines in the seeded store (default 1000000, over 20 instances)
  --requests     requests per route per round (default 2000)
  --concurrency  keep-alive connections sending at once (default 8)
  --rounds       measured rounds; in each, every route is measured right after a bare express baseline run (default 3)
  --routes       only the routes whose path contains one of these comma-separated texts (e.g. jobs,logs)
  --identity     send no Accept-Encoding, as curl does (default: 'Accept-Encoding: gzip, deflate', as Node's
                 fetch and Python's requests send it; browsers add br); the baselines get the same request
  --cpu-prof     write a V8 CPU profile of the control plane into this directory when it stops
  --json         one JSON document on stdout instead of the table`;

interface Args {
  size: SeedSize;
  requests: number;
  concurrency: number;
  rounds: number;
  routes: string[] | null;
  /** Extra request header lines sent with every request, to the routes and the baselines alike. */
  headers: string;
  cpuProfDir: string | null;
  json: boolean;
}

const note = (text: string): boolean => process.stderr.write(`${text}\n`);

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

function parse(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      'without-list-indexes': { type: 'boolean', default: false },
      jobs: { type: 'string' },
      'log-lines': { type: 'string' },
      requests: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '3' },
      routes: { type: 'string' },
      identity: { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const quick = values.quick;
  return {
    size: {
      instances: 20,
      jobs: positiveInt('jobs', values.jobs ?? (quick ? '10000' : '100000')),
      logLines: positiveInt('log-lines', values['log-lines'] ?? (quick ? '100000' : '1000000')),
      withoutListIndexes: values['without-list-indexes'],
    },
    requests: positiveInt('requests', values.requests ?? (quick ? '500' : '2000')),
    concurrency: positiveInt('concurrency', values.concurrency),
    rounds: positiveInt('rounds', values.rounds),
    routes: values.routes ? values.routes.split(',').filter(Boolean) : null,
    headers: values.identity ? '' : 'Accept-Encoding: gzip, deflate\r\n',
    cpuProfDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : null,
    json: values.json,
  };
}

/** Every list route and filter the API offers, with the seeded ids (and a real cursor for a second page). */
async function routes(plane: Target, instanceIds: string[]): Promise<string[]> {
  const id = instanceIds[3]!;
  const jobs = '/api/v1/jobs?limit=50';
  const firstFailed = (await getJson(plane.port, `${jobs}&status=FAILED`)) as { nextCursor: string | null };
  // The seeded jobs all run on the seed's local agent: this PC's filter (two merged seeks).
  const agents = (await getJson(plane.port, '/api/v1/agents')) as { items: { id: string; kind: string }[] };
  const localAgent = agents.items.find((a) => a.kind === 'local')!.id;
  return [
    '/api/v1/health',
    jobs,
    `${jobs}&status=FAILED`,
    `${jobs}&status=FAILED&cursor=${firstFailed.nextCursor ?? ''}`,
    `${jobs}&type=BACKUP_INSTANCE`,
    `${jobs}&instanceId=${id}`,
    `${jobs}&status=FAILED&type=BACKUP_INSTANCE`,
    `${jobs}&status=FAILED&instanceId=${id}`,
    `${jobs}&type=BACKUP_INSTANCE&instanceId=${id}`,
    `${jobs}&status=COMPLETED&type=START_INSTANCE&instanceId=${id}`,
    `${jobs}&agentId=${localAgent}`,
    '/api/v1/instances',
    `/api/v1/instances/${id}/logs?limit=200`,
    `/api/v1/instances/${id}/logs?limit=200&before=20000`,
    `/api/v1/instances/${id}/backups?limit=50`,
    `/api/v1/instances/${id}/schedules`,
    '/api/v1/notifications/targets',
    '/api/v1/agents',
    '/api/v1/builds',
  ];
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

interface Row {
  route: string;
  median: RouteResult;
  vsBaseline: number;
  /** Bare express answering a body of the route's size, in the same rounds, and the route's ratio to it. */
  sameSize: RouteResult;
  vsSameSize: number;
  pass: boolean;
}

/**
 * Rounds of (for every route: bare express hello-world, bare express of the route's size, the route).
 * Each route's ratio is taken against the baseline measured right before it: this VM's speed moves
 * by 2–3× within a minute, so a baseline taken once per round, tens of seconds before the last
 * route, compared routes with a machine that was no longer there.
 */
async function measureAll(
  args: Args,
  plane: Target,
  bare: Target,
  paths: string[],
): Promise<{ base: RouteResult; rows: Row[] }> {
  const warm = Math.ceil(args.requests / 4);
  note(`warm-up: ${warm} requests per route`);
  const run = (target: Target, urlPath: string, requests: number) =>
    load(target, urlPath, requests, args.concurrency, args.headers);
  await run(bare, '/', warm);
  // The size of each route's answer on the wire, for a bare express answer of the same size next to it.
  const sized = new Map<string, string>();
  for (const p of paths) {
    const { bytes } = await run(plane, p, warm);
    sized.set(p, `/bytes/${bytes}`);
    await run(bare, sized.get(p)!, warm);
  }
  const runs = new Map(
    paths.map((p) => [p, { base: [] as RouteResult[], same: [] as RouteResult[], route: [] as RouteResult[] }]),
  );
  for (let round = 0; round < args.rounds; round++) {
    for (const p of paths) {
      const of = runs.get(p)!;
      of.base.push(await run(bare, '/', args.requests));
      of.same.push(await run(bare, sized.get(p)!, args.requests));
      of.route.push(await run(plane, p, args.requests));
    }
    const rates = paths.map((p) => runs.get(p)!.base.at(-1)!.reqPerSec);
    note(
      `round ${round + 1}/${args.rounds}: bare express ${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))} req/s`,
    );
  }
  const summary = (results: RouteResult[]): RouteResult => ({
    reqPerSec: median(results.map((r) => r.reqPerSec)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    bytes: results[0]!.bytes,
    cpuUsPerReq: results.some((r) => r.cpuUsPerReq === null) ? null : median(results.map((r) => r.cpuUsPerReq!)),
  });
  const rows = paths.map((route): Row => {
    const of = runs.get(route)!;
    const vsBaseline = median(of.route.map((r, i) => r.reqPerSec / of.base[i]!.reqPerSec));
    const vsSameSize = median(of.route.map((r, i) => r.reqPerSec / of.same[i]!.reqPerSec));
    const m = summary(of.route);
    const pass = vsBaseline >= TARGET_RATIO && m.p99Ms < TARGET_P99_MS;
    return { route, median: m, vsBaseline, sameSize: summary(of.same), vsSameSize, pass };
  });
  return { base: summary([...runs.values()].flatMap((of) => of.base)), rows };
}

function printTable(
  args: Args,
  base: RouteResult,
  rows: Row[],
  rss: { idle: number | null; after: number | null },
): void {
  const mib = (n: number | null) => (n === null ? 'n/a' : `${n.toFixed(0)} MiB`);
  console.log(
    `REST list bench: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${(loadavg()[0] ?? 0).toFixed(2)}`,
  );
  console.log(
    `store: ${args.size.jobs} jobs with runs, ${args.size.logLines} log lines, ${args.size.instances} instances; ` +
      `${args.requests} requests per route per round, concurrency ${args.concurrency}, keep-alive, ` +
      `${args.headers ? 'Accept-Encoding: gzip, deflate' : 'no Accept-Encoding'}, median of ${args.rounds} rounds\n`,
  );
  const cells = (route: string, values: string[], verdict = '') =>
    `${route.padEnd(70)} ${values.map((v, i) => v.padStart(i === 4 || i === 7 ? 10 : 7)).join(' ')}  ${verdict}`;
  const cpu = (r: RouteResult) => (r.cpuUsPerReq === null ? 'n/a' : r.cpuUsPerReq.toFixed(0));
  const figures = (r: RouteResult, ratio: string) => [
    String(Math.round(r.reqPerSec)),
    r.p50Ms.toFixed(2),
    r.p99Ms.toFixed(2),
    String(r.bytes),
    cpu(r),
    ratio,
  ];
  console.log(
    cells('route', ['req/s', 'p50 ms', 'p99 ms', 'bytes', 'CPU µs/req', '× bare', 'size req/s', 'size CPU', '× size']),
  );
  console.log(cells('bare express hello-world (baseline)', figures(base, '1.00')));
  for (const r of rows) {
    const route = r.route.length > 70 ? `${r.route.slice(0, 67)}...` : r.route;
    const size = [String(Math.round(r.sameSize.reqPerSec)), cpu(r.sameSize), r.vsSameSize.toFixed(2)];
    console.log(cells(route, [...figures(r.median, r.vsBaseline.toFixed(2)), ...size], r.pass ? 'ok' : 'BELOW TARGET'));
  }
  console.log(
    "\n× bare: the route's req/s ÷ bare express hello-world measured right before it, median over rounds " +
      '(the baseline row: the median of all those baseline runs). ' +
      'bytes: the answer on the wire (gzipped when the route sends it so). ' +
      'size req/s, size CPU: bare express answering a plain JSON body of that size (GET /bytes/N), measured next to ' +
      'each route in every round; × size = route req/s ÷ that.',
  );
  console.log(`\ncontrol plane RSS: idle ${mib(rss.idle)}, after the list reads ${mib(rss.after)}`);
  const failed = rows.filter((r) => !r.pass).length;
  console.log(
    failed
      ? `FAIL: ${failed} of ${rows.length} routes below ${TARGET_RATIO}× bare express or with p99 >= ${TARGET_P99_MS} ms`
      : `PASS: every route at >= ${TARGET_RATIO}× bare express with p99 < ${TARGET_P99_MS} ms`,
  );
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'ark-rest-bench-'));
  const targets: Target[] = [];
  try {
    note(`seeding ${args.size.jobs} jobs and ${args.size.logLines} log lines into ${dataDir}`);
    const seeded = seedStore(dataDir, args.size);
    note(`seeded in ${seeded.seconds.toFixed(1)} s; starting the control plane and bare express`);
    const profile = args.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${args.cpuProfDir}`] : [];
    const plane = await startControlPlane(dataDir, profile);
    targets.push(plane, await startBareExpress());
    // Idle: started, the first heartbeat and the scheduler's first pass done.
    await new Promise((r) => setTimeout(r, 3000));
    const idle = rssMiB(plane.child.pid);
    const all = await routes(plane, seeded.instanceIds);
    const picked = args.routes ? all.filter((r) => args.routes!.some((part) => r.includes(part))) : all;
    if (!picked.length) throw new Error(`--routes ${args.routes!.join(',')} matches no route`);
    const { base, rows } = await measureAll(args, plane, targets[1]!, picked);
    const rss = { idle, after: rssMiB(plane.child.pid) };
    if (args.json) console.log(JSON.stringify({ args, seedSeconds: seeded.seconds, base, rows, rssMiB: rss }, null, 2));
    else printTable(args, base, rows, rss);
    if (rows.some((r) => !r.pass)) process.exitCode = 1;
  } finally {
    for (const t of targets) await t.stop();
    if (args.cpuProfDir) note(`CPU profile of the control plane written to ${args.cpuProfDir}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  console.error(`rest bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
