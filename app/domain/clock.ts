/**
 * Time as a dependency. Countdowns, heartbeats and crash-loop windows read it through this
 * interface so tests can drive them with a fake clock instead of waiting.
 */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`; rejects with the signal's reason when aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export const isoNow = (clock: Clock): string => clock.now().toISOString();

/**
 * Real time, compressed sleeps: countdowns of minutes pass in milliseconds (demo and tests), while
 * timestamps stay true.
 */
export function fastClock(factor: number): Clock {
  return { now: () => new Date(), sleep: (ms, signal) => systemClock.sleep(ms / factor, signal) };
}
