import type { QueryClient } from '@tanstack/react-query';
import type { Agent, Instance, JobType, WSEventData } from '@ark-asa/contracts';
import type { EventClient } from './event-client.ts';
import { setJobProgress } from './job-progress-store.ts';
import { appendLogLine, reloadOpenLogs } from './log-store.ts';
import { keepOverReads, readAgain } from './read-again.ts';
import { keys } from './queries.ts';

export interface Toaster {
  success(title: string, message: string): void;
  error(title: string, message: string): void;
}

/** What a finished job means for the rest of the cached state. */
const AFFECTS: Partial<Record<JobType, readonly (readonly string[])[]>> = {
  INSTALL_BUILD: [keys.builds],
  CHECK_LATEST_BUILD: [keys.builds],
  DELETE_BUILD: [keys.builds],
  INSTALL_STEAMCMD: [keys.settings],
  UPDATE_INSTANCE: [keys.builds, keys.instances, ['backups']],
  BACKUP_INSTANCE: [['backups']],
  RESTORE_BACKUP: [['backups']],
  IMPORT_INSTANCE: [keys.instances],
  IMPORT_SAVE: [['backups']],
  INSTALL_PREREQUISITES: [['host-prerequisites']],
};

const JOB_LABEL: Record<JobType, string> = {
  DIAGNOSTICS: 'Diagnostics',
  INSTALL_STEAMCMD: 'SteamCMD install',
  INSTALL_BUILD: 'Server install',
  CHECK_LATEST_BUILD: 'Update check',
  DELETE_BUILD: 'Build deletion',
  START_INSTANCE: 'Start',
  STOP_INSTANCE: 'Stop',
  RESTART_INSTANCE: 'Restart',
  UPDATE_INSTANCE: 'Build switch',
  BACKUP_INSTANCE: 'Backup',
  RESTORE_BACKUP: 'Restore',
  IMPORT_INSTANCE: 'Server import',
  IMPORT_SAVE: 'Save import',
  INSTALL_PREREQUISITES: 'Prerequisites install',
};

function upsertInstance(qc: QueryClient, instance: Instance): void {
  qc.setQueryData(keys.instance(instance.id), instance);
  qc.setQueryData<Instance[]>(keys.instances, (list) =>
    list
      ? list.some((i) => i.id === instance.id)
        ? list.map((i) => (i.id === instance.id ? instance : i))
        : [...list, instance]
      : list,
  );
  keepOverReads(qc, keys.instance(instance.id));
  keepOverReads(qc, keys.instances);
}

/** Writes the change only: its caller says how reads in flight are dealt with. */
function patchInstance(qc: QueryClient, id: string, patch: Partial<Instance>): void {
  qc.setQueryData<Instance>(keys.instance(id), (i) => (i ? { ...i, ...patch } : i));
  qc.setQueryData<Instance[]>(keys.instances, (list) => list?.map((i) => (i.id === id ? { ...i, ...patch } : i)));
}

const nameOf = (qc: QueryClient, id: string | null) =>
  (id &&
    (qc.getQueryData<Instance>(keys.instance(id))?.name ??
      qc.getQueryData<Instance[]>(keys.instances)?.find((i) => i.id === id)?.name)) ||
  'A server';

/**
 * Feeds the event stream into the REST cache, so every screen updates live without reloading:
 * entity events replace cached entities, progress goes to a fast store, finished jobs refresh
 * what they changed, and a reconnect re-reads everything (events are not replayed).
 */
export function bridgeEvents(client: EventClient, qc: QueryClient, toast: Toaster): () => void {
  const jobTypes = new Map<string, { type: JobType; instanceId: string | null }>();
  const offs = [
    client.on('instance:created', (d) => upsertInstance(qc, d.instance)),
    client.on('instance:updated', (d) => upsertInstance(qc, d.instance)),
    client.on('instance:deleted', (d) => {
      qc.setQueryData<Instance[]>(keys.instances, (list) => list?.filter((i) => i.id !== d.instanceId));
      keepOverReads(qc, keys.instances);
      qc.removeQueries({ queryKey: keys.instance(d.instanceId) });
    }),
    client.on('instance:status_changed', (d) => onStatus(qc, d, toast)),
    client.on('instance:log', (d) => appendLogLine(d)),
    client.on('agent:registered', (d) => {
      upsertAgent(qc, d.agent);
      // A host back online can answer again: its build list may have failed while it was away.
      readAgain(qc, keys.hostBuilds(d.agentId));
    }),
    client.on('agent:heartbeat', (d) => onHeartbeat(qc, d)),
    client.on('agent:offline', (d) => {
      qc.setQueryData<Agent[]>(keys.agents, (list) =>
        list?.map((a) => (a.id === d.agentId ? { ...a, status: 'OFFLINE' } : a)),
      );
      // An offline host sends no heartbeat that would correct a list read before it went away.
      keepOverReads(qc, keys.agents);
    }),
    client.on('job:created', (d) => {
      jobTypes.set(d.jobId, { type: d.type, instanceId: d.instanceId });
      setJobProgress(d.jobId, { percent: 0, message: 'Waiting…', status: 'PENDING' });
      readAgain(qc, keys.allJobs);
    }),
    client.on('job:progress', (d) =>
      setJobProgress(d.jobId, { percent: d.percent, message: d.message, status: d.status }),
    ),
    client.on('job:completed', (d) => finishJob(qc, jobTypes, d.jobId, 'COMPLETED', toast)),
    client.on('job:failed', (d) => finishJob(qc, jobTypes, d.jobId, 'FAILED', toast, d.error.message)),
    client.on('job:cancelled', (d) => finishJob(qc, jobTypes, d.jobId, 'CANCELLED', toast)),
    client.on('system:error', (d) => toast.error('Problem', d.message)),
    client.onResync(() => {
      // Not readAgain: a first load still in flight is let finish. Were it dropped at every resync, a
      // connection that opens and drops again each second would never let a slow load end.
      void qc.invalidateQueries();
      reloadOpenLogs();
    }),
  ];
  return () => offs.forEach((off) => off());
}

function onStatus(qc: QueryClient, d: WSEventData<'instance:status_changed'>, toast: Toaster): void {
  patchInstance(qc, d.instanceId, { status: d.status });
  if (d.status === 'CRASHED')
    toast.error(`${nameOf(qc, d.instanceId)} crashed`, d.reason ?? 'The server exited unexpectedly');
  // The runtime (pid, players) changes with the status: fetch the fresh instance.
  readAgain(qc, keys.instance(d.instanceId));
  if (d.status === 'STOPPED' || d.status === 'CRASHED') readAgain(qc, keys.instances);
  else keepOverReads(qc, keys.instances);
}

function upsertAgent(qc: QueryClient, agent: Agent): void {
  qc.setQueryData<Agent[]>(keys.agents, (list) => (list ? [...list.filter((a) => a.id !== agent.id), agent] : list));
  keepOverReads(qc, keys.agents);
}

function onHeartbeat(qc: QueryClient, d: WSEventData<'agent:heartbeat'>): void {
  qc.setQueryData<Agent[]>(keys.agents, (list) =>
    list?.map((a) =>
      a.id === d.agentId ? { ...a, status: 'ONLINE', lastHeartbeatAt: d.timestamp, metrics: d.metrics } : a,
    ),
  );
  for (const m of d.instances) {
    const runtime = {
      pid: m.pid,
      playersOnline: m.playersOnline,
      cpuPercent: m.cpuPercent,
      memoryBytes: m.memoryBytes,
    };
    qc.setQueryData<Instance[]>(keys.instances, (list) =>
      list?.map((i) =>
        i.id === m.instanceId ? { ...i, runtime: { startedAt: i.runtime?.startedAt ?? null, ...runtime } } : i,
      ),
    );
  }
}

function finishJob(
  qc: QueryClient,
  types: Map<string, { type: JobType; instanceId: string | null }>,
  jobId: string,
  status: 'COMPLETED' | 'FAILED' | 'CANCELLED',
  toast: Toaster,
  error?: string,
): void {
  // The status in the words the badges use (features/jobs/job-look.ts), never the raw enum.
  const said = status === 'COMPLETED' ? 'Completed' : status === 'FAILED' ? 'Failed' : 'Cancelled';
  setJobProgress(jobId, { percent: status === 'COMPLETED' ? 100 : 0, message: error ?? said, status });
  readAgain(qc, keys.allJobs);
  readAgain(qc, keys.job(jobId));
  const known = types.get(jobId);
  if (!known) return;
  for (const key of AFFECTS[known.type] ?? []) readAgain(qc, key);
  const what = `${JOB_LABEL[known.type]}${known.instanceId ? ` of ${nameOf(qc, known.instanceId)}` : ''}`;
  if (status === 'COMPLETED') toast.success('Completed', what);
  if (status === 'FAILED') toast.error(`${what} failed`, error ?? 'See the job for details');
}

export { JOB_LABEL };
