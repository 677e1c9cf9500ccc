/**
 * npm run bench:startup — spawn → first 200 from /api/v1/health of the headless control plane,
 * N runs per way of starting it (a fresh data dir each), median and range. See bench/README.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');

const WAYS: Record<string, { label: string; argv: string[] }> = {
  'tsx-cli': {
    label: 'tsx app/cli.ts (npm run serve before, minus npm)',
    argv: ['node_modules/.bin/tsx', 'app/cli.ts'],
  },
  tsx: { label: 'node --import tsx app/cli.ts (before)', argv: [process.execPath, '--import', TSX, 'app/cli.ts'] },
  built: {
    label: 'node scripts/run-built.mjs serve (after)',
    argv: [process.execPath, 'scripts/run-built.mjs', 'serve'],
  },
  npm: { label: 'npm run serve (after, npm included)', argv: ['npm', 'run', '--silent', 'serve', '--'] },
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Milliseconds from spawn to the first answered health check (polled every 10 ms). */
async function once(argv: string[]): Promise<number> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-startup-'));
  const started = performance.now();
  const child = spawn(argv[0]!, [...argv.slice(1), '--port', String(port), '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: 'ignore',
    // Its own process group: npm runs the server as a grandchild, and the whole group is stopped.
    detached: true,
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${argv.join(' ')} exited with ${child.exitCode}`);
      if (await healthy(`http://127.0.0.1:${port}/api/v1/health`)) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error('no health answer within 30 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, ways: { type: 'string', default: 'tsx-cli,tsx,built,npm' } },
  });
  const runs = Number(values.runs);
  console.log(
    `serve startup: node ${process.version}, ${os.cpus().length} CPUs, ${runs} runs each, spawn -> GET /api/v1/health 200`,
  );
  for (const id of values.ways.split(',')) {
    const way = WAYS[id];
    if (!way) throw new Error(`unknown way '${id}' (${Object.keys(WAYS).join(', ')})`);
    await once(way.argv); // warm-up: file cache, and the build when it is stale
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) ms.push(await once(way.argv));
    const fmt = (n: number) => `${(n / 1000).toFixed(2)} s`;
    console.log(
      `  ${way.label.padEnd(52)} median ${fmt(median(ms))}  (min ${fmt(Math.min(...ms))}, max ${fmt(Math.max(...ms))})`,
    );
  }
}

await main();
