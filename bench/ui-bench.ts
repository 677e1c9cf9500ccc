/**
 * npm run bench:ui — the UI under load, in Chromium (see bench/README.md):
 * 1. bundle: the UI built as it ships (a chunk per page) and the same sources in one chunk, their
 *    sizes, and the time to the first dashboard paint of each, loaded in turns;
 * 2. console: a simulated server flooding its log, the console open on it, long tasks and dropped
 *    frames over a window, against a bare page receiving the same stream in the same run.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../test/ui/browser.ts';
import { buildUi, existingUi, kb, sum, type UiBuild } from './ui-bench-bundle.ts';
import { measureStreams, streams, type ConsoleRow } from './ui-bench-console.ts';
import type { WindowStats } from './ui-bench-probe.ts';
import { comparePaint, type PaintStats } from './ui-bench-paint.ts';
import { startFloodingServer } from './ui-bench-setup.ts';

const note = (text: string): boolean => process.stderr.write(`${text}\n`);

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    dist: { type: 'string' },
    compare: { type: 'string' },
    'skip-paint': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const seconds = Number(args.seconds);
const rate = Number(args.rate);
const rounds = Number(args.rounds);
if (!(seconds > 0 && rate > 0 && rounds > 0)) {
  note(
    'usage: npm run bench:ui -- [--seconds 10] [--rate 2000] [--rounds 5] [--dist <ui build>] [--compare <ui build>] [--skip-paint] [--json]',
  );
  process.exit(2);
}

const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');
/** A ratio to a baseline that may be zero (an idle page has no long tasks). */
const ratio = (a: number, b: number): string =>
  b > 0 ? `${(a / b).toFixed(2)}×` : a > 0 ? `∞ (base 0)` : '1.00× (both 0)';

function printBundles(builds: UiBuild[], paint: PaintStats[]): void {
  console.log('\nUI bundle (JavaScript; gzip -9)');
  for (const b of builds) {
    const total = sum(b.chunks);
    const top = b.chunks[0];
    console.log(
      `  ${b.label.padEnd(10)} ${String(b.chunks.length).padStart(3)} chunks, ${kb(total.bytes)} (${kb(total.gzipBytes)} gz); largest ${top?.file} ${kb(top?.bytes ?? 0)} (${kb(top?.gzipBytes ?? 0)} gz)`,
    );
  }
  if (!paint.length) return;
  console.log(`\nFirst dashboard paint, median of ${rounds} cold loads each (ms from navigation start)`);
  console.log('  build       JS loaded on /          requests   first paint   dashboard painted');
  for (const p of paint)
    console.log(
      `  ${p.label.padEnd(10)}  ${`${kb(p.jsBytes)} (${kb(p.jsGzipBytes)} gz)`.padEnd(24)} ${String(p.jsRequests).padStart(4)}      ${fixed(p.firstContentfulPaintMs).padStart(8)}      ${fixed(p.dashboardMs).padStart(8)}`,
    );
  const [a, b] = paint;
  if (a && b)
    console.log(
      `  ${a.label} ÷ ${b.label}: JS gz ${ratio(a.jsGzipBytes, b.jsGzipBytes)}, dashboard painted ${ratio(a.dashboardMs, b.dashboardMs)}`,
    );
}

function printConsole(rows: ConsoleRow[]): void {
  console.log(`\nConsole under load, ${seconds} s windows (long tasks: > 50 ms; dropped: rAF gaps over 2 frames)`);
  console.log(
    '  stream                              page     lines/s  long tasks  ms/s    longest  fps    gaps>2fr  dropped  lag',
  );
  for (const r of rows) {
    const s = r.stats;
    console.log(
      `  ${r.stream.padEnd(36)}${r.page.padEnd(9).slice(0, 9)}${fixed(s.logLinesPerSec, 0).padStart(8)}${String(s.longTasks).padStart(12)}  ${fixed(s.longTaskMsPerSec).padStart(6)}${fixed(s.longestTaskMs, 0).padStart(9)}  ${fixed(s.fps).padStart(5)}${String(s.jankyGaps).padStart(10)}${String(s.droppedFrames).padStart(9)}  ${s.renderLagLines ?? '—'}`,
    );
  }
  const line = (label: string, a: WindowStats, b: WindowStats) =>
    console.log(
      `  ${label.padEnd(58)}long-task ms/s ${ratio(a.longTaskMsPerSec, b.longTaskMsPerSec)}, dropped frames ${ratio(a.droppedFrames, b.droppedFrames)}, fps ${ratio(a.fps, b.fps)}`,
    );
  const pages = [...new Set(rows.map((r) => r.page))].filter((p) => p !== 'bare');
  console.log('\n  ratios on the same stream');
  for (const stream of [...new Set(rows.map((r) => r.stream))]) {
    const of = (page: string) => rows.find((r) => r.stream === stream && r.page === page)?.stats;
    const bare = of('bare');
    for (const page of pages) {
      const ui = of(page);
      if (bare && ui) line(`${stream}: console of ${page} ÷ bare`, ui, bare);
    }
    const [a, b] = pages.map(of);
    if (a && b) line(`${stream}: console of ${pages[0]} ÷ ${pages[1]}`, a, b);
  }
}

async function main(): Promise<void> {
  const browser = await launchBrowser();
  try {
    note(args.dist ? `using the UI build in ${args.dist}` : 'building the UI (a chunk per page)…');
    const shipped = args.dist ? existingUi('given', args.dist) : await buildUi('split', true);
    const builds = [shipped];
    let paint: PaintStats[] = [];
    if (!args['skip-paint']) {
      note('building the same sources in one chunk…');
      builds.push(await buildUi('one-chunk', false));
      note(`first dashboard paint: ${rounds} loads of each build…`);
      paint = await comparePaint(browser, builds, rounds);
    }
    note('installing and starting a simulated server…');
    const server = await startFloodingServer(shipped.dir);
    let rows: ConsoleRow[];
    try {
      const uis = [
        { label: shipped.label, dir: null },
        ...(args.compare ? [{ label: 'compare', dir: existingUi('compare', args.compare).dir }] : []),
      ];
      rows = await measureStreams({ browser, server, uis, seconds, note }, streams(server, rate));
    } finally {
      await server.close();
    }
    if (args.json) {
      console.log(JSON.stringify({ builds, paint, console: rows }, null, 2));
      return;
    }
    const load = loadavg().map((l) => l.toFixed(1));
    console.log(
      `${cpus().length} CPUs, load average ${load.join(' ')} (other work on the machine makes frames drop too)`,
    );
    printBundles(builds, paint);
    printConsole(rows);
  } finally {
    await browser.close();
  }
}

await main();
