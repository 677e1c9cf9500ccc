/**
 * The manager side of `npm run bench:ui`: a control plane serving a given UI build, wired to the
 * SteamCMD and ASA simulators, with one installed build and one running server whose log flood
 * the bench turns on and off (the simulator's floodLinesPerSec).
 */
import type { Instance, Job } from '@ark-asa/contracts';
import { Harness, tempDir } from '../test/helpers/harness.ts';
import { freePort } from '../test/helpers/processes.ts';
import { SimEnv } from '../test/helpers/sim-env.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A control plane on its own data dir serving `staticDir`; production settings (no strict contract checks). */
export function startPlane(staticDir: string): Promise<Harness> {
  return Harness.start({ dataDir: tempDir('ark-ui-bench-'), staticDir, strict: false });
}

async function waitJob(h: Harness, jobId: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const job = (await h.api<Job>('GET', `/api/v1/jobs/${jobId}`)).body;
    if (job.status === 'COMPLETED') return;
    if (job.status === 'FAILED' || job.status === 'CANCELLED') throw new Error(`job ${job.type} ${job.status}`);
    await sleep(200);
  }
  throw new Error(`job ${jobId} did not finish in 120 s`);
}

async function waitStatus(h: Harness, id: string, status: Instance['status']): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if ((await h.api<Instance>('GET', `/api/v1/instances/${id}`)).body.status === status) return;
    await sleep(200);
  }
  throw new Error(`server did not reach ${status} in 120 s`);
}

export interface FloodingServer {
  h: Harness;
  instance: Instance;
  /** Lines per second the simulated server writes to its log (0 = only its ordinary lines). */
  flood(linesPerSec: number): Promise<void>;
  /**
   * Appends lines through the control plane's log service as manager lines, which the per-instance
   * source limit (200 lines/s for server lines) lets through: the most a browser can be sent.
   * Returns a stop function.
   */
  inject(linesPerSec: number): () => void;
  close(): Promise<void>;
}

/** Installs the simulated server, creates one instance on free ports and starts it (about 10 s). */
export async function startFloodingServer(staticDir: string): Promise<FloodingServer> {
  const sim = await SimEnv.create({ durationMs: 300 });
  const h = await startPlane(staticDir);
  await h.api('PATCH', '/api/v1/settings', { steamcmdPath: sim.steamcmdPath });
  await waitJob(h, (await h.api<{ job: Job }>('POST', '/api/v1/builds/install', {})).body.job.id);
  const settings = { map: 'TheIsland_WP', sessionName: 'Bench Island', gamePort: await freePort() };
  const created = await h.api<Instance>('POST', '/api/v1/instances', {
    name: 'Bench Island',
    settings: { ...settings, rconPort: await freePort() },
  });
  if (created.status !== 201) throw new Error(`create instance: ${JSON.stringify(created.body)}`);
  const instance = created.body;
  await sim.server(instance.installPath!, { startupSeconds: 1 });
  await h.api('POST', `/api/v1/instances/${instance.id}/start`);
  await waitStatus(h, instance.id, 'RUNNING');
  return {
    h,
    instance,
    flood: (linesPerSec) => sim.server(instance.installPath!, { floodLinesPerSec: linesPerSec }),
    inject: (linesPerSec) => injectLines(h, instance.id, linesPerSec),
    close: async () => {
      await h.api('POST', `/api/v1/instances/${instance.id}/stop`, {});
      await waitStatus(h, instance.id, 'STOPPED').catch(() => undefined);
      await h.stop();
    },
  };
}

function injectLines(h: Harness, instanceId: string, linesPerSec: number): () => void {
  const started = performance.now();
  let sent = 0;
  // A 10 ms tick: lines arrive in small bursts, as a tailed log file delivers them.
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) * linesPerSec) / 1000);
    for (; sent < due; sent += 1) {
      h.plane.services.logs.append(instanceId, {
        level: sent % 50 === 0 ? 'WARN' : 'INFO',
        source: 'manager',
        message: `[bench] LogSimFlood: Warning: injected log line ${sent} of a server writing fast`,
      });
    }
  }, 10);
  return () => clearInterval(timer);
}
