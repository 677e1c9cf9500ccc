import { parseArgs } from 'node:util';

export interface AgentsBenchArgs {
  /** Agent counts to measure; the first one is the baseline of every ratio. */
  agents: number[];
  /** Servers per agent. */
  servers: number;
  /** Events per second per server: the same in every case, so load grows with the number of servers. */
  rate: number;
  /** Length of each measured window. */
  seconds: number;
  /** Events sent (and not counted) before each measured window. */
  warmupSeconds: number;
  rounds: number;
  heartbeatSec: number;
  /** Skip the extra baseline cases at the same total event rate. */
  perServerOnly: boolean;
  json: boolean;
}

/** One measured setup: `agents` agents, each with `servers` servers sending `rate` events/s. */
export interface CaseSpec {
  key: string;
  agents: number;
  rate: number;
}

const spec = (agents: number, rate: number): CaseSpec => ({ key: `${agents}@${rate}`, agents, rate });
const agentsText = (n: number) => `${n} agent${n === 1 ? '' : 's'}`;

/**
 * The cases of a run. The comparison is at the same per-server rate, so N agents also send
 * N times the events; the control plane's cost per event falls as its event rate rises (more events
 * per wakeup), so the baseline agent count is also measured at each other case's total rate, which
 * leaves the number of agents as the only difference.
 */
export function caseSpecs(args: AgentsBenchArgs): CaseSpec[] {
  const base = args.agents[0]!;
  const specs = args.agents.map((n) => spec(n, args.rate));
  if (!args.perServerOnly) {
    for (const n of args.agents.slice(1)) specs.push(spec(base, (args.rate * n) / base));
  }
  return specs;
}

/** A ratio to print: case `of` ÷ case `against`, both measured in every round. */
export interface Comparison {
  of: string;
  against: string;
  title: string;
}

export function comparisons(args: AgentsBenchArgs): Comparison[] {
  const base = args.agents[0]!;
  return args.agents.slice(1).flatMap((n) => {
    const of = spec(n, args.rate).key;
    const perServer: Comparison = {
      of,
      against: spec(base, args.rate).key,
      title: `${agentsText(n)} vs ${agentsText(base)}, the same ${args.rate} events/s per server`,
    };
    if (args.perServerOnly) return [perServer];
    const total = (args.rate * n * args.servers).toFixed(0);
    const sameTotal: Comparison = {
      of,
      against: spec(base, (args.rate * n) / base).key,
      title: `${agentsText(n)} vs ${agentsText(base)}, the same ${total} events/s in all`,
    };
    return [perServer, sameTotal];
  });
}

export const USAGE = `Usage: npm run bench:agents -- [--agents 1,20] [--servers 10] [--rate 5] [--seconds 15]
                              [--warmup 3] [--rounds 2] [--heartbeat 1] [--per-server-only] [--json]
  --agents     agent counts to measure, comma-separated; the first is the baseline (default 1,20)
  --servers    servers per agent (default 10)
  --rate       events per second per server: instance:log, every 50th an instance:status_changed (default 5)
  --seconds    measured window per case (default 15)
  --warmup     seconds of events sent and not counted before each window (default 3)
  --rounds     rounds of every case, in alternating order (default 2)
  --heartbeat  heartbeat interval of the control plane in seconds (default 1)
  --per-server-only  skip the extra cases of the baseline agent count at each other case's total event rate
  --json       one JSON document on stdout instead of the table`;

function positive(name: string, value: string, integer = true): number {
  const n = Number(value);
  const ok = integer ? Number.isInteger(n) && n >= 1 : Number.isFinite(n) && n > 0;
  if (!ok) throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got '${value}'`);
  return n;
}

export function parseAgentsBenchArgs(argv: string[]): AgentsBenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      agents: { type: 'string', default: '1,20' },
      servers: { type: 'string', default: '10' },
      rate: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '2' },
      heartbeat: { type: 'string', default: '1' },
      'per-server-only': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const agents = values.agents.split(',').map((s) => positive('agents', s.trim()));
  if (new Set(agents).size !== agents.length) throw new Error(`--agents lists a count twice: '${values.agents}'`);
  const heartbeatSec = positive('heartbeat', values.heartbeat);
  if (heartbeatSec > 3600) throw new Error('--heartbeat must be at most 3600 s');
  return {
    agents,
    servers: positive('servers', values.servers),
    rate: positive('rate', values.rate, false),
    seconds: positive('seconds', values.seconds, false),
    warmupSeconds: positive('warmup', values.warmup, false),
    rounds: positive('rounds', values.rounds),
    heartbeatSec,
    perServerOnly: values['per-server-only'],
    json: values.json,
  };
}
