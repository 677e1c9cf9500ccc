// `npm run demo`: the control plane wired to the SteamCMD and ASA simulators, plus a guided tour
// through the REST API (install → two servers on one build → start → RCON → crash and automatic
// restart → stop with a countdown). Everything it does is visible live on /ws and in the UI.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Instance, Job, WSEvent } from '@ark-asa/contracts';
import { startControlPlane, type ControlPlane } from '../app/control-plane.ts';
import { fastClock } from '../app/domain/clock.ts';
import { createLogger } from '../app/logger.ts';
import { writeServerControl } from '../sim/ark-server/control.ts';
import { installSteamcmdSim } from '../sim/steamcmd/install.ts';
import { ensureUiBuilt } from './ensure-ui-built.ts';

const SPEED = 30; // countdown minutes pass 30× faster in the demo
const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    'data-dir': { type: 'string', default: path.resolve(import.meta.dirname, '../.data/demo') },
    fresh: { type: 'boolean', default: false },
    'no-tour': { type: 'boolean', default: false },
    'payload-mb': { type: 'string', default: '300' },
    'static-dir': { type: 'string' },
  },
});

const say = (text: string) => process.stdout.write(`\n▶ ${text}\n`);
let plane: ControlPlane;

async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${plane.url}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(`${method} ${route}: ${data.error?.message ?? res.status}`);
  return data;
}

/** Runs a job-returning call and waits for its outcome on the event stream. */
function job(method: string, route: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let jobId = '';
    const seen: WSEvent[] = [];
    const off = plane.subscribe((e) => {
      if (!jobId) return void seen.push(e);
      settle(e);
    });
    const settle = (e: WSEvent) => {
      if (e.event === 'job:completed' && e.data.jobId === jobId) {
        off();
        resolve(e.data.result);
      }
      if (e.event === 'job:failed' && e.data.jobId === jobId) {
        off();
        reject(new Error(e.data.error.message));
      }
    };
    api<{ job: Job }>(method, route, body)
      .then(({ job: j }) => {
        jobId = j.id;
        seen.forEach(settle);
      })
      .catch(reject);
  });
}

const names = new Map<string, string>();
const who = (instanceId: string) => names.get(instanceId) ?? instanceId.slice(0, 8);

function narrate(e: WSEvent): void {
  if (e.event === 'job:progress') process.stdout.write(`  · ${Math.round(e.data.percent)}% ${e.data.message}\n`);
  if (e.event === 'instance:status_changed') {
    process.stdout.write(
      `  · [${who(e.data.instanceId)}] status ${e.data.status}${e.data.reason ? ` (${e.data.reason})` : ''}\n`,
    );
  }
  if (e.event === 'instance:log' && e.data.source === 'manager')
    process.stdout.write(`  · [${who(e.data.instanceId)}] ${e.data.message}\n`);
  if (e.event === 'system:error') process.stdout.write(`  ! ${e.data.message}\n`);
}

async function ensureInstance(name: string, settings: object): Promise<Instance> {
  const { items } = await api<{ items: Instance[] }>('GET', '/api/v1/instances');
  const instance =
    items.find((i) => i.name === name) ?? (await api<Instance>('POST', '/api/v1/instances', { name, settings }));
  names.set(instance.id, name);
  return instance;
}

async function tour(): Promise<void> {
  const off = plane.subscribe(narrate);
  say('Installing the ASA dedicated server through (simulated) SteamCMD into the build cache');
  console.log('  result:', await job('POST', '/api/v1/builds/install', {}));
  say('Creating two servers on that one build (hard links: no second copy of the files)');
  const island = await ensureInstance('The Island', {
    map: 'TheIsland_WP',
    sessionName: 'Demo Island',
    gamePort: 7777,
    rconPort: 27020,
  });
  const scorched = await ensureInstance('Scorched Earth', {
    map: 'ScorchedEarth_WP',
    sessionName: 'Demo Desert',
    gamePort: 7779,
    rconPort: 27022,
  });
  await writeServerControl(island.installPath!, {
    startupSeconds: 4,
    players: [{ name: 'Helena Walker', id: '0002214a4a6742d9a347bd449b2dc143', joinAfterSec: 2 }],
  });
  await writeServerControl(scorched.installPath!, { startupSeconds: 3 });
  say('Starting both: STARTING until the log says the server advertises for join');
  const stopped = [island, scorched].filter((i) => i.status !== 'RUNNING');
  await Promise.all(stopped.map((i) => job('POST', `/api/v1/instances/${i.id}/start`)));
  await new Promise((r) => setTimeout(r, 2500));
  say('RCON ListPlayers on The Island');
  console.log(
    ' ',
    (await api<{ response: string }>('POST', `/api/v1/instances/${island.id}/rcon`, { command: 'ListPlayers' }))
      .response,
  );
  say('Crashing Scorched Earth on purpose: the manager brings it back by itself');
  await writeServerControl(scorched.installPath!, { crashNow: true });
  await new Promise((r) => setTimeout(r, 6000));
  say(`Stopping The Island with a 2-minute in-game countdown (demo time runs ${SPEED}× faster)`);
  await job('POST', `/api/v1/instances/${island.id}/stop`, { countdownMinutes: 2, message: 'demo is over' });
  off();
}

async function main(): Promise<void> {
  const dataDir = args['data-dir'];
  // The UI comes from renderer/dist unless another folder is given: build it when it is missing or stale.
  if (!args['static-dir']) await ensureUiBuilt((line) => process.stdout.write(`${line}\n`));
  if (args.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  const steamcmdPath = await installSteamcmdSim(path.join(dataDir, 'sim', 'steamcmd'), {
    durationMs: 4000,
    payloadBytes: Number(args['payload-mb']) * 1024 * 1024,
  });
  plane = await startControlPlane({
    dataDir,
    port: Number(args.port),
    clock: fastClock(SPEED),
    logger: createLogger({ level: 'warn', pretty: true }),
    ...(args['static-dir'] && { staticDir: path.resolve(args['static-dir']) }),
  });
  plane.services.settings.update({ steamcmdPath });
  process.stdout.write(
    `ARK ASA Server Manager demo on ${plane.url}  (events: wscat -c ${plane.wsUrl})\nData: ${dataDir}\n`,
  );
  const quit = () => void plane.stop({ stopServers: true }).then(() => process.exit(0));
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
  if (!args['no-tour']) {
    await tour().catch((err: unknown) => console.error(`Tour stopped: ${(err as Error).message}`));
    say(
      `Tour done. The manager keeps running at ${plane.url} with the simulated servers. Ctrl+C stops them and quits.`,
    );
  }
}

void main();
