/**
 * Control planes started by tests and not stopped yet. A file's planes outlive it when a test file
 * forgets to stop one or its beforeAll fails half-way; files share their worker's process
 * (vitest.config.ts, `isolate: false`), so such a plane would go on running beside the next files,
 * its servers holding their ports. The setup file stops what is left when each file ends. This
 * module imports nothing, so that component test files do not load the control plane for it.
 */
interface Stoppable {
  stop(how: { stopServers: boolean }): Promise<void>;
}

const live = new Set<Stoppable>();

export const livePlanes = {
  add: (plane: Stoppable) => void live.add(plane),
  remove: (plane: Stoppable) => void live.delete(plane),
  /** Stops every plane still running (its servers first); how many there were. */
  async stopLeftovers(): Promise<number> {
    const left = [...live];
    live.clear();
    await Promise.allSettled(left.map((p) => p.stop({ stopServers: true })));
    return left.length;
  },
};
