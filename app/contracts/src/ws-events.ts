import { z } from 'zod';
import { Id, IsoDateTime } from './common.ts';
import { Agent, HostMetrics } from './dto/agent.ts';
import { ErrorInfo } from './dto/error.ts';
import { Instance, InstanceStatus } from './dto/instance.ts';
import { JobStatus, JobType } from './dto/job.ts';
import { LogLevel, LogSource } from './dto/log-entry.ts';

/**
 * The 14 events of the /ws protocol (docs/event-protocol.md). Every message on /ws is `{ "event": <name>, "data": <payload> }`.
 * Each payload names its subject by id and carries an ISO timestamp.
 */
export const WSEventName = {
  JOB_CREATED: 'job:created',
  JOB_PROGRESS: 'job:progress',
  JOB_COMPLETED: 'job:completed',
  JOB_FAILED: 'job:failed',
  JOB_CANCELLED: 'job:cancelled',
  INSTANCE_CREATED: 'instance:created',
  INSTANCE_UPDATED: 'instance:updated',
  INSTANCE_STATUS_CHANGED: 'instance:status_changed',
  INSTANCE_DELETED: 'instance:deleted',
  INSTANCE_LOG: 'instance:log',
  AGENT_REGISTERED: 'agent:registered',
  AGENT_HEARTBEAT: 'agent:heartbeat',
  AGENT_OFFLINE: 'agent:offline',
  SYSTEM_ERROR: 'system:error',
} as const;
export type WSEventName = (typeof WSEventName)[keyof typeof WSEventName];

export const JobCreatedData = z.object({
  jobId: Id,
  type: JobType,
  status: z.literal('PENDING'),
  instanceId: Id.nullable(),
  agentId: Id.nullable(),
  createdAt: IsoDateTime,
});

export const JobProgressData = z.object({
  jobId: Id,
  jobRunId: Id,
  status: JobStatus,
  percent: z.number().min(0).max(100),
  message: z.string(),
  timestamp: IsoDateTime,
});

export const JobCompletedData = z.object({
  jobId: Id,
  jobRunId: Id,
  result: z.unknown(),
  completedAt: IsoDateTime,
});

export const JobFailedData = z.object({
  jobId: Id,
  jobRunId: Id.nullable().describe('null when the job failed before a run started'),
  error: ErrorInfo,
  failedAt: IsoDateTime,
});

export const JobCancelledData = z.object({
  jobId: Id,
  jobRunId: Id.nullable().describe('null when the job was cancelled while still pending'),
  cancelledAt: IsoDateTime,
});

export const InstanceCreatedData = z.object({ instanceId: Id, instance: Instance, createdAt: IsoDateTime });
export const InstanceUpdatedData = z.object({ instanceId: Id, instance: Instance, updatedAt: IsoDateTime });

export const InstanceStatusChangedData = z.object({
  instanceId: Id,
  status: InstanceStatus,
  previousStatus: InstanceStatus.optional(),
  reason: z.string().optional().describe('Why, when it was not asked for (a crash, a restart by the guard, …)'),
  changedAt: IsoDateTime,
});

export const InstanceDeletedData = z.object({ instanceId: Id, deletedAt: IsoDateTime });

export const InstanceLogData = z.object({
  instanceId: Id,
  seq: z.int().nonnegative(),
  level: LogLevel,
  source: LogSource,
  message: z.string(),
  timestamp: IsoDateTime,
});

export const AgentRegisteredData = z.object({ agentId: Id, agent: Agent, registeredAt: IsoDateTime });

export const AgentHeartbeatData = z.object({
  agentId: Id,
  metrics: HostMetrics,
  instances: z
    .array(
      z.object({
        instanceId: Id,
        pid: z.int().nullable(),
        cpuPercent: z.number().nonnegative().nullable(),
        memoryBytes: z.number().nonnegative().nullable(),
        playersOnline: z.int().nonnegative(),
      }),
    )
    .describe('Process metrics of the servers this agent runs'),
  timestamp: IsoDateTime,
});

export const AgentOfflineData = z.object({ agentId: Id, reason: z.string(), timestamp: IsoDateTime });

export const SystemErrorData = z.object({
  code: z.string(),
  message: z.string(),
  subjectId: Id.nullable().optional().describe('The job, instance or agent concerned, when there is one'),
  timestamp: IsoDateTime,
});

/** Event name → payload schema; the one table the server's `publish` and the UI's `on` are typed by. */
export const WSEventSchemas = {
  [WSEventName.JOB_CREATED]: JobCreatedData,
  [WSEventName.JOB_PROGRESS]: JobProgressData,
  [WSEventName.JOB_COMPLETED]: JobCompletedData,
  [WSEventName.JOB_FAILED]: JobFailedData,
  [WSEventName.JOB_CANCELLED]: JobCancelledData,
  [WSEventName.INSTANCE_CREATED]: InstanceCreatedData,
  [WSEventName.INSTANCE_UPDATED]: InstanceUpdatedData,
  [WSEventName.INSTANCE_STATUS_CHANGED]: InstanceStatusChangedData,
  [WSEventName.INSTANCE_DELETED]: InstanceDeletedData,
  [WSEventName.INSTANCE_LOG]: InstanceLogData,
  [WSEventName.AGENT_REGISTERED]: AgentRegisteredData,
  [WSEventName.AGENT_HEARTBEAT]: AgentHeartbeatData,
  [WSEventName.AGENT_OFFLINE]: AgentOfflineData,
  [WSEventName.SYSTEM_ERROR]: SystemErrorData,
} as const;

export type WSEventPayloads = { [N in WSEventName]: z.infer<(typeof WSEventSchemas)[N]> };
export type WSEventData<N extends WSEventName> = WSEventPayloads[N];

function message<N extends WSEventName>(name: N) {
  return z.object({ event: z.literal(name), data: WSEventSchemas[name] });
}

export const WSEvent = z.discriminatedUnion('event', [
  message(WSEventName.JOB_CREATED),
  message(WSEventName.JOB_PROGRESS),
  message(WSEventName.JOB_COMPLETED),
  message(WSEventName.JOB_FAILED),
  message(WSEventName.JOB_CANCELLED),
  message(WSEventName.INSTANCE_CREATED),
  message(WSEventName.INSTANCE_UPDATED),
  message(WSEventName.INSTANCE_STATUS_CHANGED),
  message(WSEventName.INSTANCE_DELETED),
  message(WSEventName.INSTANCE_LOG),
  message(WSEventName.AGENT_REGISTERED),
  message(WSEventName.AGENT_HEARTBEAT),
  message(WSEventName.AGENT_OFFLINE),
  message(WSEventName.SYSTEM_ERROR),
]);
export type WSEvent = z.infer<typeof WSEvent>;

export const ALL_WS_EVENT_NAMES = Object.values(WSEventName);
