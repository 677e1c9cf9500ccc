/**
 * The agent channel (docs/agent-channel.md): one WebSocket per remote agent, dialled by the agent
 * to `AGENT_CHANNEL_PATH` on the control plane's HTTP(S) server with its token in
 * `Authorization: Bearer <token>`. JSON text frames, one message each, every message carrying the
 * protocol version `v`.
 *
 * Versioned: a side that receives a message of another `v` ignores it (and logs it), except a
 * `hello` of another `v`, which the control plane answers with `refused` (`unsupported-version`).
 * `refused` keeps its shape in every version, so an old agent can always read why it was refused.
 */
import { z } from 'zod';
import { Id, IsoDateTime } from './common.ts';
import { AgentSettings, HostMetrics } from './dto/agent.ts';
import { Instance, InstanceStatus } from './dto/instance.ts';
import { Job } from './dto/job.ts';
import { LogLevel, LogSource } from './dto/log-entry.ts';
import { ALL_WS_EVENT_NAMES, AgentHeartbeatData } from './ws-events.ts';

export const AGENT_CHANNEL_VERSION = 1;
/** Not `/ws`: the public event stream and the agent channel have different clients and credentials. */
export const AGENT_CHANNEL_PATH = '/agent-channel';
/** Largest frame either side accepts (a config file travels in one response in phase 2). */
export const AGENT_CHANNEL_MAX_PAYLOAD = 8 * 1024 * 1024;

/** WebSocket close codes of the channel (4000–4999 are the application's). */
export const AgentChannelClose = {
  /** The control plane stops (restart, update): reconnect with backoff. */
  GOING_AWAY: 1001,
  REFUSED: 4001,
  /** Another connection of the same agent took this one's place. */
  REPLACED: 4002,
  REVOKED: 4003,
  /** No `hello` in time, or no heartbeat for three intervals. */
  TIMEOUT: 4004,
} as const;

const v = z.literal(AGENT_CHANNEL_VERSION);
const CorrelationId = z.string().min(1).max(64);

/**
 * The most one `upload-chunk` carries (decoded): a request body larger than one frame travels in
 * pieces of this size, small enough that heartbeats and events still get through between them.
 */
export const AGENT_UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** Names the agent's spool file of an upload: letters, digits, `-` and `_` only. */
export const UploadId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'An upload id is 8 to 64 letters, digits, - or _');

/** What one server on the agent is doing, as the agent sees it (its own processes, not the control plane's records). */
export const AgentInstanceState = z.object({
  instanceId: Id,
  pid: z.int().positive().nullable(),
  status: InstanceStatus,
  startedAt: IsoDateTime.nullable().optional(),
  /** Set when the process exited while the agent could not report it (cut off from the control plane). */
  exitCode: z.int().nullable().optional(),
});
export type AgentInstanceState = z.infer<typeof AgentInstanceState>;

export const ChannelError = z.object({
  code: z.string().max(64),
  message: z.string().max(4000),
  details: z.unknown().optional(),
});
export type ChannelError = z.infer<typeof ChannelError>;

// ---------------------------------------------------------------- agent → control plane

export const AgentHello = z.object({
  v,
  type: z.literal('hello'),
  /** `--name`: replaces the name given at creation on the agent's first registration only. */
  name: z.string().trim().min(1).max(64).nullable(),
  hostname: z.string().max(255),
  platform: z.string().max(32),
  version: z.string().max(64).describe('Manager version running the agent'),
  startedAt: IsoDateTime.describe('When the agent process started'),
  /** Command-line defaults of the agent, used for settings the control plane has not set. */
  defaults: AgentSettings.partial(),
  /** Every server the agent runs or ran while cut off; the control plane reconciles its records with it. */
  instances: z.array(AgentInstanceState).max(1000),
});

export const AgentHeartbeat = z.object({
  v,
  type: z.literal('heartbeat'),
  metrics: HostMetrics,
  instances: AgentHeartbeatData.shape.instances,
  timestamp: IsoDateTime,
});

/** The answer to one `request`: exactly one per request id. */
export const AgentResponse = z.discriminatedUnion('ok', [
  z.object({ v, type: z.literal('response'), id: CorrelationId, ok: z.literal(true), result: z.unknown() }),
  z.object({ v, type: z.literal('response'), id: CorrelationId, ok: z.literal(false), error: ChannelError }),
]);

/** Progress of a long request (an install, a backup): any number before its response. */
export const AgentProgress = z.object({
  v,
  type: z.literal('progress'),
  id: CorrelationId,
  percent: z.number().min(0).max(100).nullable(),
  message: z.string().max(4000).nullable(),
});

/** Something a server did on its own: a status change (a crash, a start confirmed) or a log line. */
export const AgentServerEvent = z.discriminatedUnion('kind', [
  z.object({
    v,
    type: z.literal('event'),
    kind: z.literal('instance-status'),
    instanceId: Id,
    status: InstanceStatus,
    pid: z.int().positive().nullable(),
    exitCode: z.int().nullable().optional(),
    reason: z.string().max(4000).nullable().optional(),
    timestamp: IsoDateTime,
  }),
  z.object({
    v,
    type: z.literal('event'),
    kind: z.literal('instance-log'),
    instanceId: Id,
    level: LogLevel,
    source: LogSource,
    message: z.string().max(16_000),
    timestamp: IsoDateTime,
  }),
  /**
   * Phase 2: an event of the agent's own event stream (the same 14 events as /ws, for the servers it
   * runs), which the control plane checks against `WSEventSchemas`, applies to its records and
   * publishes on /ws. A `job:*` event carries the job as the agent has it now, so the control plane
   * can keep its copy of a job it did not create (a scheduled restart, a restart after a crash).
   */
  z.object({
    v,
    type: z.literal('event'),
    kind: z.literal('bus'),
    event: z.enum(ALL_WS_EVENT_NAMES),
    data: z.unknown(),
    job: Job.optional(),
  }),
  /**
   * Phase 2: everything the agent holds, sent right after each `welcome`: the control plane
   * reconciles its records with it (statuses that changed while cut off, jobs that ended) without
   * starting or stopping anything.
   */
  z.object({
    v,
    type: z.literal('event'),
    kind: z.literal('snapshot'),
    instances: z.array(Instance).max(1000),
    /** Jobs still active plus the most recent ended ones. */
    jobs: z.array(Job).max(2000),
    timestamp: IsoDateTime,
  }),
]);

export const AgentMessage = z.union([AgentHello, AgentHeartbeat, AgentResponse, AgentProgress, AgentServerEvent]);
export type AgentMessage = z.infer<typeof AgentMessage>;
export type AgentHello = z.infer<typeof AgentHello>;
export type AgentHeartbeat = z.infer<typeof AgentHeartbeat>;
export type AgentResponse = z.infer<typeof AgentResponse>;
export type AgentProgress = z.infer<typeof AgentProgress>;
export type AgentServerEvent = z.infer<typeof AgentServerEvent>;

// ---------------------------------------------------------------- control plane → agent

/** The answer to `hello`: the agent is registered; it heartbeats at the given interval from now on. */
export const ChannelWelcome = z.object({
  v,
  type: z.literal('welcome'),
  agentId: Id,
  name: z.string(),
  heartbeatIntervalSec: z.int().min(1).max(3600),
  settings: AgentSettings,
  serverTime: IsoDateTime,
});

/** New settings or heartbeat interval, pushed while connected (`PATCH /api/v1/agents/:id`). */
export const ChannelConfigure = z.object({
  v,
  type: z.literal('configure'),
  heartbeatIntervalSec: z.int().min(1).max(3600),
  settings: AgentSettings,
});

export const RefusalCode = z.enum(['unsupported-version', 'revoked', 'replaced', 'protocol-error']);
export type RefusalCode = z.infer<typeof RefusalCode>;

/** Sent just before the control plane closes the channel for good; its shape never changes between versions. */
export const ChannelRefused = z.object({
  v: z.int(),
  type: z.literal('refused'),
  code: RefusalCode,
  message: z.string(),
});

/** A command for the agent (phase 2: start, stop, install, back up, read a file…); answered by one `response`. */
export const ChannelRequest = z.object({
  v,
  type: z.literal('request'),
  id: CorrelationId,
  method: z.string().min(1).max(100),
  params: z.unknown(),
  /** The agent gives up (and answers `timeout`) after this long; the control plane too. */
  timeoutMs: z.int().positive().max(86_400_000).optional(),
});

/** Cancel a running request; the agent still answers it (usually with `cancelled`). */
export const ChannelCancel = z.object({ v, type: z.literal('cancel'), id: CorrelationId });

export const ControlPlaneMessage = z.union([
  ChannelWelcome,
  ChannelConfigure,
  ChannelRefused,
  ChannelRequest,
  ChannelCancel,
]);
export type ControlPlaneMessage = z.infer<typeof ControlPlaneMessage>;
export type ChannelWelcome = z.infer<typeof ChannelWelcome>;
export type ChannelConfigure = z.infer<typeof ChannelConfigure>;
export type ChannelRefused = z.infer<typeof ChannelRefused>;
export type ChannelRequest = z.infer<typeof ChannelRequest>;

/**
 * Request methods an agent of this version answers. Phase 1 has only `ping` (a round trip that
 * proves the correlation and lets the control plane measure the channel); an unknown method is
 * answered with the error code `unsupported-method`.
 */
export const AgentRequestMethods = {
  ping: { params: z.object({}).optional(), result: z.object({ pong: z.literal(true), agentTime: IsoDateTime }) },
  /**
   * Phase 2: one REST call of the public API, answered by the agent's own manager for the servers it
   * runs (docs/agent-channel.md#phase-2-servers-on-remote-agents). Bodies travel base64-encoded.
   */
  http: {
    params: z.strictObject({
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      /** Path and query; only the public API, never the agent's UI or its own /ws. */
      path: z
        .string()
        .max(4096)
        .regex(/^\/api\/v1\/[^\s#]*$/, 'Only /api/v1/ paths'),
      headers: z.record(z.string().max(100), z.string().max(1000)).optional(),
      body: z.string().max(AGENT_CHANNEL_MAX_PAYLOAD).nullable().optional(),
      /**
       * Instead of `body`: a body sent before in `upload-chunk` requests and spooled on the agent,
       * of exactly `size` bytes. The agent streams it to its manager and deletes it afterwards.
       */
      bodyUpload: z.strictObject({ uploadId: UploadId, size: z.int().min(0) }).optional(),
    }),
    result: z.object({
      status: z.int().min(100).max(599),
      headers: z.record(z.string(), z.string()),
      body: z.string(),
    }),
  },
  /**
   * Phase 2: one piece of a request body too large for one frame, appended to the agent's spool
   * file of `uploadId` (created by the piece with `seq` 0; pieces come in order, one `seq` after the
   * other). Answered once the piece is on disk, with the spool's size so far: the control plane
   * waits for these answers before it sends more (backpressure).
   */
  'upload-chunk': {
    params: z.strictObject({
      uploadId: UploadId,
      seq: z.int().min(0),
      /** base64, at most AGENT_UPLOAD_CHUNK_BYTES decoded. */
      data: z.string().max(Math.ceil(AGENT_UPLOAD_CHUNK_BYTES / 3) * 4),
    }),
    result: z.object({ size: z.int().min(0) }),
  },
  /** Phase 2: an upload that will not be used (the client went away, a piece failed): its spool is deleted. */
  'upload-discard': {
    params: z.strictObject({ uploadId: UploadId }),
    result: z.object({ discarded: z.boolean() }),
  },
} as const;
export type AgentUploadChunk = z.infer<(typeof AgentRequestMethods)['upload-chunk']['params']>;
export type AgentHttpRequest = z.infer<typeof AgentRequestMethods.http.params>;
export type AgentHttpResponse = z.infer<typeof AgentRequestMethods.http.result>;
export type AgentRequestMethod = keyof typeof AgentRequestMethods;
