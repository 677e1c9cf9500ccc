/**
 * npm run bench:agents — simulated remote agents (20 × 10 servers by default) against one agent
 * with the same per-server event rate, in the same run: the control plane's CPU (from /proc) and
 * each event's latency from the agent's send to a /ws client. The control plane runs as
 * `npm run serve` does, a fresh one per case. See bench/README.md.
 */
import { cpus, loadavg } from 'node:os';
import { STATUS_EVERY } from './agents-bench-agent.ts';
import {
  caseSpecs,
  comparisons,
  parseAgentsBenchArgs,
  USAGE,
  type AgentsBenchArgs,
  type CaseSpec,
} from './agents-bench-args.ts';
import { ratioOf, summarise, type CaseSummary } from './agents-bench-report.ts';
import { runCase, type CaseRun } from './agents-bench-run.ts';
import { formatTable, LEGEND } from './agents-bench-table.ts';

/** Progress goes to stderr so that stdout holds only the results (table or JSON). */
const note = (text: string): boolean => process.stderr.write(`${text}\n`);

/** Alternating the order (forward, reversed, …) spreads drift of a shared machine over every case. */
const orderFor = (round: number, specs: CaseSpec[]) => (round % 2 === 0 ? specs : [...specs].reverse());

async function runRounds(args: AgentsBenchArgs): Promise<CaseRun[][]> {
  const rounds: CaseRun[][] = [];
  for (let round = 0; round < args.rounds; round++) {
    const runs: CaseRun[] = [];
    for (const spec of orderFor(round, caseSpecs(args))) {
      const events = spec.agents * args.servers * spec.rate;
      note(
        `round ${round + 1}/${args.rounds}: ${spec.agents} agent(s) × ${args.servers} servers × ${spec.rate} events/s = ${events} events/s`,
      );
      const r = await runCase(args, spec);
      const p = [...r.latenciesMs].sort((a, b) => a - b);
      const p99 = p[Math.min(p.length - 1, Math.floor(0.99 * p.length))] ?? Number.NaN;
      const cpu = r.cpuPerSec === null ? 'n/a' : r.cpuPerSec.toFixed(3);
      note(`  ${r.delivered}/${r.sent} events delivered, control plane CPU ${cpu} s/s, p99 ${p99.toFixed(2)} ms`);
      if (r.cut.length)
        note(`  ${r.cut.length} agent(s) cut off by the control plane: ${[...new Set(r.cut)].join('; ')}`);
      runs.push(r);
    }
    rounds.push(runs);
  }
  return rounds;
}

function print(args: AgentsBenchArgs, rounds: CaseRun[][], loadBefore: number): CaseSummary[] {
  const cases = caseSpecs(args).map((spec) => summarise(rounds.map((round) => round.find((r) => r.key === spec.key)!)));
  const rs = comparisons(args).map((c) => ratioOf(rounds, c));
  const env = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAvg1m: { before: loadBefore, after: loadavg()[0] ?? 0 },
  };
  if (args.json) {
    console.log(JSON.stringify({ env, args, cases, ratios: rs }, null, 2));
    return cases;
  }
  const load = `load average ${env.loadAvg1m.before.toFixed(2)} -> ${env.loadAvg1m.after.toFixed(2)}`;
  console.log(`agents bench: node ${env.node}, ${env.cpus} CPUs (${env.cpuModel}), ${load}`);
  console.log(
    `${args.servers} servers per agent, events: instance:log, every ${STATUS_EVERY}th an instance:status_changed; ` +
      `heartbeat ${args.heartbeatSec} s, ${args.seconds} s windows after ${args.warmupSeconds} s warm-up, ` +
      `median of ${args.rounds} round(s); baseline: ${args.agents[0]} agent(s)\n`,
  );
  console.log(formatTable(cases, rs));
  console.log(`\n${LEGEND}`);
  return cases;
}

async function main(): Promise<void> {
  let args: AgentsBenchArgs;
  try {
    args = parseAgentsBenchArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const loadBefore = loadavg()[0] ?? 0;
  const cases = print(args, await runRounds(args), loadBefore);
  // An event sent and never received is a fault of the path, not noise: a script can act on it.
  const lost = cases.filter((c) => c.delivered < c.sent || c.cut > 0);
  if (lost.length) {
    const what = (c: CaseSummary) =>
      `${c.sent - c.delivered} events and ${c.cut} agent(s) with ${c.agents} agent(s) at ${c.rate} events/s per server`;
    console.error(`lost: ${lost.map(what).join(', ')}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (err) {
  console.error(`agents bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
