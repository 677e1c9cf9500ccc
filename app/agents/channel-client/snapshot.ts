import {
  AGENT_CHANNEL_VERSION,
  type AgentInstanceState,
  type AgentServerEvent,
  type Instance,
  type Job,
  type JobStatus,
} from '@ark-asa/contracts';
import type { EmbeddedPlane } from './embedded-plane.ts';

/** The contract's bounds of a snapshot. */
const MAX_INSTANCES = 1000;
const MAX_JOBS = 2000;
/** Ended jobs sent besides the active ones: enough for the control plane to close what it still shows running. */
const RECENT_JOBS = 200;
const PAGE = 200;

type Snapshot = Extract<AgentServerEvent, { kind: 'snapshot' }>;

/** Every server of the embedded manager, page by page. */
export function allInstances(plane: EmbeddedPlane): Instance[] {
  const out: Instance[] = [];
  let cursor: string | undefined;
  do {
    const page = plane.services.instances.list(PAGE, cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < MAX_INSTANCES);
  return out.slice(0, MAX_INSTANCES);
}

function jobsWithStatus(plane: EmbeddedPlane, status: JobStatus): Job[] {
  const out: Job[] = [];
  let cursor: string | undefined;
  do {
    const page = plane.services.jobs.list({ status, limit: 500, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < MAX_JOBS);
  return out;
}

/** Active jobs (all of them, up to the contract's bound), then the most recent ones, each once. */
export function snapshotJobs(plane: EmbeddedPlane): Job[] {
  const byId = new Map<string, Job>();
  for (const job of [...jobsWithStatus(plane, 'RUNNING'), ...jobsWithStatus(plane, 'PENDING')]) byId.set(job.id, job);
  for (const job of plane.services.jobs.list({ limit: RECENT_JOBS }).items)
    if (!byId.has(job.id)) byId.set(job.id, job);
  return [...byId.values()].slice(0, MAX_JOBS);
}

/** Everything the embedded manager holds, sent right after each `welcome`. */
export function buildSnapshot(plane: EmbeddedPlane, now = new Date()): Snapshot {
  return {
    v: AGENT_CHANNEL_VERSION,
    type: 'event',
    kind: 'snapshot',
    instances: allInstances(plane),
    jobs: snapshotJobs(plane),
    timestamp: now.toISOString(),
  };
}

/** `hello.instances`: what each server is doing, as the embedded manager sees it. */
export function helloInstances(plane: EmbeddedPlane | null): AgentInstanceState[] {
  if (!plane) return [];
  return allInstances(plane).map((i) => {
    const pid = i.runtime?.pid ?? null;
    return {
      instanceId: i.id,
      pid: pid !== null && pid > 0 ? pid : null,
      status: i.status,
      startedAt: i.runtime?.startedAt ?? null,
    };
  });
}
