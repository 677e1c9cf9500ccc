/**
 * What the bench process (server side) and its client process share: the IPC messages, the clock,
 * and the event payload that carries its own send time.
 */
import type { WSEventData } from '@ark-asa/contracts';

/** Each client socket is connected to one of the two servers: our WsHub, or a bare `ws` server. */
export type Group = 'hub' | 'bare';

export const GROUP_PATHS: Record<Group, string> = { hub: '/ws', bare: '/bare' };

export type ToClients =
  | { type: 'connect'; port: number; clients: number }
  | { type: 'expect'; group: Group; events: number; ackEvery: number }
  | { type: 'quit' };

export interface ClientRunStats {
  /** Text frames counted over all sockets of the group. */
  frames: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  /** When the last socket received its last frame (same clock as `nowUs`). */
  lastRecvUs: number;
  /** Sockets that closed during the run: the server dropped them. */
  closed: number;
  /** CPU time (user + system) the client process spent on the run: is the reader the bottleneck? */
  cpuUs: number;
}

export type FromClients =
  | { type: 'connected' }
  | { type: 'ready' }
  | { type: 'ack'; events: number }
  | { type: 'done'; stats: ClientRunStats }
  | { type: 'error'; message: string };

/**
 * Microseconds on the system-wide monotonic clock. `process.hrtime` reads CLOCK_MONOTONIC on Linux
 * (QueryPerformanceCounter on Windows, mach_absolute_time on macOS), which is the same counter in
 * every process of the machine, so a time taken here can be subtracted from one taken in the other
 * process. Date.now() would only give whole milliseconds and can step; performance.now() counts from
 * each process's own start, so neither is used.
 */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** The marker that the client process searches for in each frame; the send time follows it. */
export const SEND_TIME_MARK = '[bench t=';

const JOB_ID = '6f1c2a8e-3b4d-4f5a-9c7e-1d2b3a4c5e6f';
const JOB_RUN_ID = 'b7e4d9c2-8a1f-4e3b-a6d5-0c9f8e7d6b5a';

/**
 * A `job:progress` payload as the SteamCMD update job publishes it (≈330 bytes as a frame). The send
 * time goes into `message` because every field of the schema is typed (uuid ids, ISO timestamp) and
 * the ISO timestamp has only millisecond resolution on the wall clock.
 */
export function progressPayload(seq: number, total: number): WSEventData<'job:progress'> {
  const percent = Math.round((seq / total) * 10_000) / 100;
  const doneMb = ((14_210.4 * seq) / total).toFixed(1);
  return {
    jobId: JOB_ID,
    jobRunId: JOB_RUN_ID,
    status: 'RUNNING',
    percent,
    message:
      `${SEND_TIME_MARK}${nowUs()} seq=${seq}] Updating ARK: Survival Ascended (app 2430930) for ` +
      `"The Island - PvE x3": downloading ${doneMb} MB of 14210.4 MB at 38.2 MB/s`,
    timestamp: new Date().toISOString(),
  };
}
