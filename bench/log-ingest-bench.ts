/**
 * npm run bench:logs — how many lines per second the manager takes from one growing ShooterGame.log
 * (tail → store → /ws), next to a bare read-and-split of the same file in the same run, and how much
 * memory a /ws client that stops reading costs. See bench/README.md.
 */
import fs from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bareReadAndSplit, FastClient, managerRun, TAILER_CHUNK, type RunResult } from './log-ingest-run.ts';
import { shooterGameLog } from './log-ingest-text.ts';

const TARGET_RATIO = 0.5;
/** The product's limit (docs/event-protocol.md#slow-consumers-are-dropped). */
const PRODUCT_LIMIT = 200;

export const USAGE = `Usage: npm run bench:logs -- [--lines N] [--marker-every N] [--repeat N] [--json]
  --lines   lines the server writes per run, at least 2 (default 500000)
  --marker-every  one line in N carries a marker (a join or a world save; default 1000; 5 is a marker-heavy log)
  --repeat  measured rounds; each runs every path once, ratios are taken within a round (default 3)
  --json    one JSON document on stdout instead of the table`;

interface Path {
  name: string;
  /** A bare read-and-split: the verdict's baseline is the faster of these in each round. */
  bare: boolean;
  /**
   * Whether the target (>= 0.5x bare) applies: to the path as shipped. Without the limit,
   * every line costs an SQLite insert (several µs) against the baseline's ~1 µs per line, so those
   * rows show the capacity of the full path, and that a slow client costs bounded memory.
   */
  target: boolean;
  run: (dir: string) => Promise<RunResult>;
}

interface Args {
  lines: number;
  markerEvery: number;
  repeat: number;
  json: boolean;
}

const note = (text: string): boolean => process.stderr.write(`${text}\n`);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

function parse(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      lines: { type: 'string', default: '500000' },
      'marker-every': { type: 'string', default: '1000' },
      repeat: { type: 'string', default: '3' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const int = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got '${v}'`);
    return n;
  };
  const lines = int('lines', values.lines);
  // The file starts and ends with a marker the run is timed by (bench/log-ingest-text.ts).
  if (lines < 2) throw new Error(`--lines must be at least 2, got '${values.lines}'`);
  const markerEvery = int('marker-every', values['marker-every']);
  return { lines, markerEvery, repeat: int('repeat', values.repeat), json: values.json };
}

function paths(content: Buffer, lines: number, client: FastClient, baseFile: string): Path[] {
  const manager = (limit: number, withSlowClient: boolean) => (dir: string) =>
    managerRun({ dir, content, lines, limit, client, withSlowClient });
  return [
    // Two bare loops, as the chunk size matters to V8: a 1 MiB string is made in large-object space,
    // which made that loop several times slower than 64 KiB reads (the tailer's). The verdict takes
    // the faster of the two in each round, so it cannot be flattered by a slow baseline.
    { name: 'bare read-and-split, 1 MiB reads', bare: true, target: false, run: () => bareReadAndSplit(baseFile) },
    {
      name: 'bare read-and-split, 64 KiB reads',
      bare: true,
      target: false,
      run: () => bareReadAndSplit(baseFile, TAILER_CHUNK),
    },
    {
      name: `manager, ${PRODUCT_LIMIT} lines/s limit (as shipped)`,
      bare: false,
      target: true,
      run: manager(PRODUCT_LIMIT, false),
    },
    { name: 'manager, no limit: every line stored + sent', bare: false, target: false, run: manager(Infinity, false) },
    { name: 'manager, no limit, + 1 slow /ws client', bare: false, target: false, run: manager(Infinity, true) },
  ];
}

interface Row {
  name: string;
  target: boolean;
  linesPerSec: number;
  vsBare: number;
  cpuUsPerLine: number;
  /** Bare CPU per line ÷ this path's CPU per line (median of rounds): the steadier ratio on a busy machine. */
  cpuVsBare: number;
  pass: boolean;
  runs: RunResult[];
}

interface Measured {
  rows: Row[];
  /** The shipped path against each bare loop on its own (medians of per-round ratios), by name. */
  shippedVsEachBare: { name: string; rate: number; cpu: number }[];
}

/** The faster of the bare loops in one round, by rate and by CPU per line (each its own best). */
function fastestBare(list: Path[], results: Map<string, RunResult>): { linesPerSec: number; cpuUsPerLine: number } {
  const bare = list.filter((p) => p.bare).map((p) => results.get(p.name)!);
  return {
    linesPerSec: Math.max(...bare.map((r) => r.linesPerSec)),
    cpuUsPerLine: Math.min(...bare.map((r) => r.cpuUsPerLine)),
  };
}

async function measure(args: Args, list: Path[], root: string): Promise<Measured> {
  const per = new Map<string, RunResult[]>(list.map((p) => [p.name, []]));
  const ratios = new Map<string, number[]>(list.map((p) => [p.name, []]));
  const cpuRatios = new Map<string, number[]>(list.map((p) => [p.name, []]));
  const bares = list.filter((p) => p.bare);
  const shippedName = list.find((p) => p.target)!.name;
  const vsEach = new Map(bares.map((p) => [p.name, { rate: [] as number[], cpu: [] as number[] }]));
  let n = 0;
  const runOne = async (p: Path) => p.run(fs.mkdtempSync(path.join(root, `run-${n++}-`)));
  note('warm-up: one run of each path');
  for (const p of list) await runOne(p);
  for (let round = 0; round < args.repeat; round++) {
    const order = round % 2 ? [...list].reverse() : list;
    const results = new Map<string, RunResult>();
    for (const p of order) results.set(p.name, await runOne(p));
    const base = fastestBare(list, results);
    for (const p of list) {
      const r = results.get(p.name)!;
      per.get(p.name)!.push(r);
      ratios.get(p.name)!.push(r.linesPerSec / base.linesPerSec);
      cpuRatios.get(p.name)!.push(base.cpuUsPerLine / r.cpuUsPerLine);
    }
    const shipped = results.get(shippedName)!;
    for (const b of bares) {
      const r = results.get(b.name)!;
      vsEach.get(b.name)!.rate.push(shipped.linesPerSec / r.linesPerSec);
      vsEach.get(b.name)!.cpu.push(r.cpuUsPerLine / shipped.cpuUsPerLine);
    }
    note(`round ${round + 1}/${args.repeat}: fastest bare ${Math.round(base.linesPerSec)} lines/s`);
  }
  const rows = list.map((p) => {
    const vsBare = median(ratios.get(p.name)!);
    const cpuVsBare = median(cpuRatios.get(p.name)!);
    return {
      name: p.name,
      target: p.target,
      linesPerSec: median(per.get(p.name)!.map((r) => r.linesPerSec)),
      cpuUsPerLine: median(per.get(p.name)!.map((r) => r.cpuUsPerLine)),
      vsBare,
      cpuVsBare,
      // Both ratios must hold: the rate is what the issue names, the CPU ratio what load cannot flatter.
      pass: !p.target || Math.min(vsBare, cpuVsBare) >= TARGET_RATIO,
      runs: per.get(p.name)!,
    };
  });
  const shippedVsEachBare = bares.map((b) => {
    const v = vsEach.get(b.name)!;
    return { name: b.name, rate: median(v.rate), cpu: median(v.cpu) };
  });
  return { rows, shippedVsEachBare };
}

function printTable(args: Args, bytes: number, { rows, shippedVsEachBare }: Measured): void {
  console.log(
    `log ingestion bench: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${(loadavg()[0] ?? 0).toFixed(2)}`,
  );
  console.log(
    `${args.lines} lines (${(bytes / 2 ** 20).toFixed(1)} MiB) of ShooterGame.log written at full speed, a marker on one line in ${args.markerEvery}; median of ${args.repeat} rounds`,
  );
  console.log('× bare: against the faster of the two bare loops in the same round (rate and CPU each)\n');
  const cells = (v: string[]) =>
    `${v[0]!.padEnd(48)} ${v
      .slice(1)
      .map((c, i) => c.padStart(i === 6 ? 16 : 10))
      .join(' ')}`;
  console.log(cells(['path', 'lines/s', '× bare', 'CPU µs/line', 'CPU × bare', 'stored', 'RSS +MiB', 'slow client']));
  for (const r of rows) {
    const last = r.runs.at(-1)!;
    const slow = last.slowClient
      ? `${last.slowClient.dropped ? 'dropped' : 'kept'} @${Math.round(last.slowClient.readKiB)}K`
      : '';
    const rss = r.runs.some((x) => x.rssGrowthMiB !== undefined)
      ? Math.max(...r.runs.map((x) => x.rssGrowthMiB ?? 0)).toFixed(0)
      : '';
    const verdict = r.target ? (r.pass ? '  ok' : '  BELOW TARGET') : '';
    const stored = last.stored === undefined ? '' : String(last.stored);
    console.log(
      cells([
        r.name,
        String(Math.round(r.linesPerSec)),
        r.vsBare.toFixed(2),
        r.cpuUsPerLine.toFixed(2),
        r.cpuVsBare.toFixed(2),
        stored,
        rss,
        slow,
      ]) + verdict,
    );
  }
  console.log('\nthe shipped path against each bare loop:');
  for (const vs of shippedVsEachBare) {
    console.log(`  ${vs.name}: ${vs.rate.toFixed(2)}× by rate, ${vs.cpu.toFixed(2)}× by CPU per line`);
  }
  const failed = rows.filter((r) => !r.pass).length;
  console.log(
    failed
      ? `\nFAIL: the shipped path below ${TARGET_RATIO}× the faster bare read-and-split (by rate or by CPU per line)`
      : `\nPASS: the shipped path at >= ${TARGET_RATIO}× the faster bare read-and-split, by rate and by CPU per line`,
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
  const root = fs.mkdtempSync(path.join(tmpdir(), 'ark-log-bench-'));
  const client = new FastClient();
  try {
    const content = shooterGameLog(args.lines, args.markerEvery);
    const baseFile = path.join(root, 'ShooterGame.log');
    fs.writeFileSync(baseFile, content);
    const measured = await measure(args, paths(content, args.lines, client, baseFile), root);
    if (args.json) console.log(JSON.stringify({ args, bytes: content.length, ...measured }, null, 2));
    else printTable(args, content.length, measured);
    if (measured.rows.some((r) => !r.pass)) process.exitCode = 1;
  } finally {
    client.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  console.error(`log ingestion bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
