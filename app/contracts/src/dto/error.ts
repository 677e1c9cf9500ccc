import { z } from 'zod';

/**
 * Stable, kebab-case error codes. Clients switch on these, so a code is never renamed; new ones
 * may be added. The HTTP status that goes with each lives in the server's error translator.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'validation-failed',
  /** A request that is malformed below the level of fields: bad percent-escapes, a body that is not what its Content-Encoding says. */
  BAD_REQUEST: 'bad-request',
  NOT_FOUND: 'not-found',
  ROUTE_NOT_FOUND: 'route-not-found',
  CONFLICT: 'conflict',
  INVALID_STATE: 'invalid-state',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  PAYLOAD_TOO_LARGE: 'payload-too-large',
  RATE_LIMITED: 'rate-limited',
  INTERNAL: 'internal-error',
  INTERRUPTED: 'interrupted',
  SHUTDOWN: 'shutdown',
  JOB_HANDLER_FAILED: 'job-handler-failed',
  HEARTBEAT_FAILED: 'heartbeat-failed',
  AGENT_OFFLINE: 'agent-offline',
  PORT_IN_USE: 'port-in-use',
  STEAMCMD_NOT_FOUND: 'steamcmd-not-found',
  STEAMCMD_FAILED: 'steamcmd-failed',
  BUILD_NOT_FOUND: 'build-not-found',
  NOT_INSTALLED: 'not-installed',
  INSTANCE_NOT_RUNNING: 'instance-not-running',
  INSTANCE_RUNNING: 'instance-running',
  START_FAILED: 'start-failed',
  /** A Linux host has no Proton or Wine set to run the Windows server program (Settings → Linux runner). */
  LINUX_RUNNER_REQUIRED: 'linux-runner-required',
  STOP_FAILED: 'stop-failed',
  CRASH_LOOP: 'crash-loop',
  SERVER_CRASHED: 'server-crashed',
  RCON_AUTH_FAILED: 'rcon-auth-failed',
  RCON_TIMEOUT: 'rcon-timeout',
  RCON_UNAVAILABLE: 'rcon-unavailable',
  FILESYSTEM: 'filesystem-error',
  /** The disk holding the database or the data root is full: free space, then try again. */
  DISK_FULL: 'disk-full',
  BACKUP_FAILED: 'backup-failed',
  UNSAFE_ARCHIVE: 'unsafe-archive',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const FieldError = z
  .object({
    field: z.string().describe('Dotted path of the bad field, e.g. settings.gamePort; "" for the whole body'),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });
export type FieldError = z.infer<typeof FieldError>;

/** The one error body every failing REST call returns. */
export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().describe('Stable kebab-case code, see ErrorCode'),
      message: z.string().describe('What went wrong and what to do about it'),
      details: z.unknown().optional(),
      errorId: z
        .string()
        .optional()
        .describe('On unexpected (500) errors only: the id of the manager log line with the details'),
    }),
  })
  .meta({ id: 'ErrorEnvelope' });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** `error` as it travels inside job runs and events: code and message only. */
export const ErrorInfo = z.object({ code: z.string(), message: z.string() }).meta({ id: 'ErrorInfo' });
export type ErrorInfo = z.infer<typeof ErrorInfo>;
