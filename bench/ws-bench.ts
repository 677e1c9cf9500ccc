/**
 * npm run bench:ws — broadcast N events to M clients through our hub (EventBus -> WsHub) and through
 * bare `ws` broadcast loops in the same run, with the clients in a second process. See bench/README.md.
 */
import { cpus, loadavg } from 'node:os';
import { eventsFor, parseBenchArgs, USAGE, type BenchArgs } from './ws-bench-args.ts';
import { progressPayload } from './ws-bench-protocol.ts';
import { formatTable, summarise, verdict, type ClientsSummary, type Verdict } from './ws-bench-report.ts';
import { ClientProcess, measure, type Pacing, type RunContext, type RunResult } from './ws-bench-run.ts';
import { startBenchServer, type BenchServer, type BroadcastPath, type PathId } from './ws-bench-server.ts';

/** Progress goes to stderr so that stdout holds only the results (tables or JSON). */
const note = (text: string): boolean => process.stderr.write(`${text}\n`);

function frameBytes(): number {
  return Buffer.byteLength(JSON.stringify({ event: 'job:progress', data: progressPayload(500, 1000) }));
}

async function connectClients(server: BenchServer, clients: number): Promise<ClientProcess> {
  const proc = new ClientProcess();
  proc.send({ type: 'connect', port: server.port, clients });
  await proc.next('connected');
  // The client process sees its handshake answered slightly before the server registers the socket.
  for (let i = 0; i < 200 && (server.connected('hub') < clients || server.connected('bare') < clients); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (server.connected('hub') !== clients || server.connected('bare') !== clients) {
    throw new Error(
      `expected ${clients} clients on each server, have hub=${server.connected('hub')} bare=${server.connected('bare')}`,
    );
  }
  return proc;
}

/** Alternating the order (forward, reversed, forward…) spreads drift of a shared machine over all paths. */
function orderFor(rep: number, paths: BroadcastPath[]): BroadcastPath[] {
  return rep % 2 === 0 ? paths : [...paths].reverse();
}

async function benchClients(server: BenchServer, args: BenchArgs, clients: number): Promise<ClientsSummary> {
  const events = eventsFor(args, clients);
  const pacing: Pacing = { burst: args.burst, window: args.window, ackEvery: Math.max(1, Math.floor(args.window / 8)) };
  const ctx: RunContext = { server, clients: await connectClients(server, clients), pacing, expected: clients };
  try {
    // Warm-up runs let V8 optimise every path before anything is measured; their figures are dropped.
    note(`M=${clients}: warm-up (${Math.ceil(events / 4)} events per path)`);
    for (const path of server.paths) await measure(ctx, path, Math.ceil(events / 4));
    const reps: RunResult[][] = [];
    for (let rep = 0; rep < args.repeat; rep++) {
      const runs: RunResult[] = [];
      for (const path of orderFor(rep, server.paths)) {
        const r = await measure(ctx, path, events);
        const line = `${Math.round(r.eventsPerSec)} events/s, p99 ${r.p99Ms.toFixed(2)} ms, ${r.cpuUsPerFrame.toFixed(2)} us CPU/frame`;
        note(
          `M=${clients} run ${rep + 1}/${args.repeat} ${path.id.padEnd(10)} ${line}${r.dropped ? `, ${r.dropped} dropped` : ''}`,
        );
        runs.push(r);
      }
      reps.push(runs);
    }
    const labels = new Map<PathId, string>(server.paths.map((p) => [p.id, p.label]));
    return summarise(clients, events, frameBytes(), labels, reps);
  } finally {
    await ctx.clients.quit();
  }
}

function print(args: BenchArgs, results: ClientsSummary[], loadBefore: number): Verdict {
  const v = verdict(results);
  const env = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    burst: args.burst,
    window: args.window,
    loadAvg1m: { before: loadBefore, after: loadavg()[0] ?? 0 },
  };
  if (args.json) {
    console.log(JSON.stringify({ env, repeat: args.repeat, results, verdict: v }, null, 2));
    return v;
  }
  const load = `load average ${env.loadAvg1m.before.toFixed(2)} -> ${env.loadAvg1m.after.toFixed(2)}`;
  console.log(
    `ws broadcast bench: node ${env.node}, ${env.cpus} CPUs (${env.cpuModel}), burst ${env.burst}, window ${env.window}, ${load}`,
  );
  console.log(
    'baseline of every ratio: bare ws, stringify once (JSON.stringify once per event, the string sent to each client)\n',
  );
  for (const r of results) console.log(`${formatTable(r, args.repeat)}\n`);
  console.log(v.text);
  return v;
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // Other work on the machine is the main source of noise here, so it is reported with the results.
  const loadBefore = loadavg()[0] ?? 0;
  const server = await startBenchServer(Math.max(...args.clients));
  const results: ClientsSummary[] = [];
  try {
    for (const clients of args.clients) results.push(await benchClients(server, args, clients));
  } finally {
    await server.close();
  }
  // Exit status 1 on FAIL or on any dropped client, so a script can act on the verdict.
  if (!print(args, results, loadBefore).pass) process.exitCode = 1;
}

try {
  await main();
} catch (err) {
  console.error(`ws bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
