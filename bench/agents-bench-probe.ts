/**
 * Which process stalled, when latencies jump: the bench's own event-loop delay (its agents and its
 * /ws reader share one loop), and the round trip of a `GET /api/v1/health` sent to the control
 * plane every PROBE_EVERY_MS (a control plane whose loop is blocked answers late).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

const PROBE_EVERY_MS = 250;

export interface Stalls {
  /** Longest event-loop delay of the bench process over the window. */
  benchLagMaxMs: number;
  /** Slowest health round trip to the control plane over the window. */
  probeMaxMs: number;
}

export interface StallWatch {
  stop(): Promise<Stalls>;
}

export function watchStalls(port: number): StallWatch {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let running = true;
  let probeMaxMs = 0;
  const probing = (async () => {
    while (running) {
      const t = performance.now();
      try {
        await (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).arrayBuffer();
      } catch {
        // A control plane that does not answer at all stalled for good: shown as Infinity, never thrown.
        probeMaxMs = Number.POSITIVE_INFINITY;
        return;
      }
      probeMaxMs = Math.max(probeMaxMs, performance.now() - t);
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      lag.disable();
      await probing;
      return { benchLagMaxMs: lag.max / 1e6, probeMaxMs };
    },
  };
}
