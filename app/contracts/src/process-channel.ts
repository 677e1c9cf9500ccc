/**
 * The process channel: messages between the headless control plane (`app/cli.ts`, the entry of
 * `npm run serve`) and a parent process that hosts it — the desktop shell's Electron
 * `utilityProcess`, a Node `child_process.fork`, or a test. Windows cannot deliver SIGTERM to a
 * child, and a service wrapper or the shell needs to know when the manager is ready and which port
 * it chose, so the lifecycle travels over this channel as well as over signals.
 *
 * Versioned: each side ignores messages of another `v` (or malformed ones) and says so in its log.
 * The parent sends nothing before `ready`: the control plane listens for messages only once it
 * has started. When a Node parent's IPC channel closes (the parent died), the control plane stops
 * as on `shutdown` without `stopServers`.
 */
import { z } from 'zod';

export const PROCESS_CHANNEL_VERSION = 1;

/** Parent → control plane. */
export const ParentMessage = z.discriminatedUnion('type', [
  /**
   * Stop the control plane. Servers keep running (and are adopted again at the next start) unless
   * `stopServers`, when each is stopped gracefully (countdown-free SaveWorld → DoExit) first.
   */
  z.object({ v: z.literal(1), type: z.literal('shutdown'), stopServers: z.boolean().default(false) }),
  /**
   * The user's session or the machine is ending (log-off, shutdown, Windows Update reboot): save
   * every running world now, within `deadlineMs`, and answer `session-saved`. Servers are not
   * stopped here: the operating system ends them; what matters is that their worlds are on disk.
   */
  z.object({ v: z.literal(1), type: z.literal('session-end'), deadlineMs: z.number().int().positive().max(60_000) }),
]);
export type ParentMessage = z.infer<typeof ParentMessage>;

/** Control plane → parent. */
export const PlaneMessage = z.discriminatedUnion('type', [
  /** Listening. `portFallback` is set when the configured port could not be used and another was chosen. */
  z.object({
    v: z.literal(1),
    type: z.literal('ready'),
    url: z.string(),
    wsUrl: z.string(),
    port: z.number().int(),
    dataDir: z.string(),
    pid: z.number().int(),
    /**
     * The access token in effect, or null. The REST API returns it masked, so a parent that calls
     * the API (the desktop shell) learns it here; the channel is private to the two processes.
     */
    accessToken: z.string().nullable().optional(),
    portFallback: z
      .object({ requestedPort: z.number().int(), reason: z.enum(['in-use', 'reserved']), message: z.string() })
      .nullable(),
  }),
  /** Could not start; `code` is an ErrorCode (e.g. `port-in-use`, `conflict` for a locked data dir). */
  z.object({ v: z.literal(1), type: z.literal('start-failed'), code: z.string(), message: z.string() }),
  /** Answer to `session-end`: how many running worlds were saved, and which could not be. */
  z.object({
    v: z.literal(1),
    type: z.literal('session-saved'),
    saved: z.number().int(),
    failed: z.array(z.object({ instanceId: z.string(), message: z.string() })),
  }),
  /** The control plane has stopped (sent just before the process exits 0). */
  z.object({ v: z.literal(1), type: z.literal('stopped'), serversLeftRunning: z.number().int() }),
]);
export type PlaneMessage = z.infer<typeof PlaneMessage>;
