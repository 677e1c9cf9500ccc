import type { StopHow } from './control-plane.ts';
import type { WsHub } from './ws/ws-hub.ts';
import type { Wired } from './wiring.ts';

/**
 * Stops everything the control plane started, in an order where nothing can start new work in a
 * part already stopped. Safe on a half-started plane (parts never started stop as no-ops), which
 * is how a failed start cleans up. Servers are detached from, never killed, unless `stopServers`.
 */
export async function teardown(w: Wired | null, hub: WsHub, how: StopHow): Promise<void> {
  if (w) {
    w.agents.stopMonitor();
    // Before the runner shuts down: no scheduled run may queue a job into it meanwhile.
    await w.scheduler.stop();
    w.modsNotifications.stop();
    if (how.stopServers) await stopAllServers(w);
    await w.runner.shutdown();
    await w.supervisor.detach();
    w.logs.stop();
    w.agent.stop();
    // Hosts are told to come back later (they reconnect with backoff) and announced offline.
    await w.services.remoteAgents.registry.close();
  }
  await hub.close();
}

/** Quit with "stop my servers": each gets a normal STOP job (save, exit), all at once. */
async function stopAllServers(w: Wired): Promise<void> {
  const jobs = w.supervisor.liveInstanceIds().map((instanceId) => w.services.lifecycle.stop(instanceId, {}));
  await Promise.all(jobs.map((job) => w.runner.waitFor(job.id)));
}
