/**
 * `npm run bench:memory`: the control plane's resident memory (RSS) as users run it (`npm run serve`,
 * scripts/run-built.mjs) on a seeded store: idle, after rounds of list reads, and after the OpenAPI
 * document and docs page were served (built on their first request). Targets of issue #15: idle
 * < 120 MiB, < 150 MiB after the list reads. Linux only (RSS from /proc). See bench/README.md.
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { rssMiB, startControlPlane, type Target } from './rest-bench-load.ts';
import { seedStore } from './rest-bench-seed.ts';

const TARGET_IDLE_MIB = 120;
const TARGET_AFTER_READS_MIB = 150;
const CONCURRENCY = 8;

const USAGE = `Usage: npm run bench:memory -- [--jobs N] [--log-lines N] [--rounds N] [--json]
  --jobs N       jobs in the seeded store (default 10000)
  --log-lines N  log lines in the seeded store (default 100000)
  --rounds N     times each list route is read (default 500)
  --json         one JSON document on stdout`;

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      jobs: { type: 'string', default: '10000' },
      'log-lines': { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '500' },
      json: { type: 'boolean', default: false },
    },
  });
  return {
    jobs: positiveInt('jobs', values.jobs),
    logLines: positiveInt('log-lines', values['log-lines']),
    rounds: positiveInt('rounds', values.rounds),
    json: values.json,
  };
}

async function getOk(port: number, urlPath: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${urlPath}: HTTP ${res.status}`);
}

/** Every list route, `rounds` times each, CONCURRENCY requests in flight. */
async function readLists(plane: Target, instanceId: string, rounds: number): Promise<void> {
  const paths = [
    '/api/v1/jobs?limit=50',
    '/api/v1/jobs?limit=50&status=FAILED',
    '/api/v1/instances',
    `/api/v1/instances/${instanceId}/logs?limit=200`,
    `/api/v1/instances/${instanceId}/backups?limit=50`,
    `/api/v1/instances/${instanceId}/schedules`,
    '/api/v1/notifications/targets',
    '/api/v1/agents',
  ];
  const queue = Array.from({ length: rounds }, () => paths).flat();
  const worker = async () => {
    for (let p = queue.pop(); p; p = queue.pop()) await getOk(plane.port, p);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const settle = () => new Promise((r) => setTimeout(r, 1000));

async function measure(args: ReturnType<typeof parse>, dataDir: string) {
  const seeded = seedStore(dataDir, { instances: 20, jobs: args.jobs, logLines: args.logLines });
  const plane = await startControlPlane(dataDir);
  try {
    // Idle: started, the first heartbeat and the scheduler's first pass done.
    await new Promise((r) => setTimeout(r, 3000));
    const idle = rssMiB(plane.child.pid);
    await readLists(plane, seeded.instanceIds[0]!, args.rounds);
    await settle();
    const afterReads = rssMiB(plane.child.pid);
    await getOk(plane.port, '/api/v1/openapi.json');
    await getOk(plane.port, '/api/v1/docs/');
    await settle();
    return { idle, afterReads, afterDocs: rssMiB(plane.child.pid) };
  } finally {
    await plane.stop();
  }
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'ark-memory-bench-'));
  try {
    const rss = await measure(args, dataDir);
    const pass =
      rss.idle !== null &&
      rss.afterReads !== null &&
      rss.idle < TARGET_IDLE_MIB &&
      rss.afterReads < TARGET_AFTER_READS_MIB;
    if (args.json) console.log(JSON.stringify({ args, rssMiB: rss, pass }, null, 2));
    else {
      const mib = (v: number | null) => (v === null ? 'n/a (no /proc)' : `${v.toFixed(0)} MiB`);
      console.log(`control plane RSS (node ${process.versions.node}; ${args.jobs} jobs, ${args.logLines} log lines)`);
      console.log(`  idle:                      ${mib(rss.idle)}   (target < ${TARGET_IDLE_MIB} MiB)`);
      console.log(
        `  after ${args.rounds} rounds of list reads: ${mib(rss.afterReads)}   (target < ${TARGET_AFTER_READS_MIB} MiB)`,
      );
      console.log(`  after openapi.json + docs: ${mib(rss.afterDocs)}`);
      console.log(pass ? 'PASS' : 'FAIL');
    }
    if (!pass) process.exitCode = 1;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  console.error(`memory bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
