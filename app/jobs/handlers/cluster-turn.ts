import { setTimeout as sleep } from 'node:timers/promises';
import type { JobParams } from '@ark-asa/contracts';
import type { JobContext } from '../job-handler.ts';

/**
 * A START_INSTANCE job queued by a cluster start waits for the previous member's start job to end
 * (however it ended), then `gapSeconds`, so two maps never load at once (CPU, disk and memory peak
 * while loading).
 */
type ClusterTurn = Pick<JobParams<'START_INSTANCE'>, 'afterJobId' | 'gapSeconds'>;

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Waits for this member's turn in a staggered cluster start; returns at once for a lone start. */
export async function awaitClusterTurn(
  ctx: JobContext<ClusterTurn>,
  waitForJob: ((jobId: string) => Promise<unknown>) | undefined,
): Promise<void> {
  const { afterJobId, gapSeconds } = ctx.params;
  if (!afterJobId || !waitForJob) return;
  ctx.progress(0, 'Waiting for the previous cluster member to start…');
  await abortable(waitForJob(afterJobId), ctx.signal);
  if (gapSeconds) {
    ctx.progress(0, `Starting in ${gapSeconds} s (cluster start gap)…`);
    await sleep(gapSeconds * 1000, undefined, { signal: ctx.signal });
  }
}
