import { parseArgs } from 'node:util';

export interface BenchArgs {
  clients: number[];
  /** Events per measured run; null = sized per client count (see eventsFor). */
  events: number | null;
  repeat: number;
  json: boolean;
  burst: number;
  window: number;
}

export const USAGE = `Usage: npm run bench:ws -- [--clients 100,10] [--events N] [--repeat 5] [--json]
                           [--burst 10] [--window 512]
  --clients  client counts to measure, comma-separated (default 100,10)
  --events   events per measured run (default: 1200 at 100 clients, 12000 at 10: ~120k frames per run)
  --repeat   measured runs per path; the order of the paths alternates (default 5)
  --json     print one JSON document instead of tables
  --burst    events published back to back before a setImmediate yield (default 10)
  --window   most events in flight before the publisher waits for the clients (default 512)`;

/**
 * Frames per run when --events is not given. On a shared 2-vCPU machine other work comes and goes
 * within seconds, so five short alternating runs give a steadier median than three long ones, and
 * the default (100 and 10 clients, four paths, five runs) still ends within about a minute.
 */
const FRAMES_PER_RUN = 120_000;

export function eventsFor(args: BenchArgs, clients: number): number {
  return args.events ?? Math.max(1000, Math.round(FRAMES_PER_RUN / clients));
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      clients: { type: 'string', default: '100,10' },
      events: { type: 'string' },
      repeat: { type: 'string', default: '5' },
      json: { type: 'boolean', default: false },
      burst: { type: 'string', default: '10' },
      window: { type: 'string', default: '512' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    clients: values.clients.split(',').map((c) => positiveInt('clients', c.trim())),
    events: values.events === undefined ? null : positiveInt('events', values.events),
    repeat: positiveInt('repeat', values.repeat),
    json: values.json,
    burst: positiveInt('burst', values.burst),
    window: positiveInt('window', values.window),
  };
}
