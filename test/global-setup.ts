// Runs once in vitest's main process before any worker starts: builds the simulator executable
// (sim/shared/sim-build.ts) so the parallel forks find it cached instead of each building it.
import { ensureSimBinary } from '../sim/shared/sim-build.ts';

export default async function setup(): Promise<void> {
  await ensureSimBinary();
}
