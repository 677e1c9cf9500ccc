import type { Agent } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import { isoNow, type Clock } from '../domain/clock.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { Store } from '../store/index.ts';

export class AgentsService {
  private monitor: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  list(): Agent[] {
    return this.store.agents.list();
  }

  get(id: string): Agent {
    const agent = this.store.agents.get(id);
    if (!agent) throw AppError.notFound('Agent', id);
    return agent;
  }

  /**
   * Marks ONLINE agents OFFLINE (agent:offline) once three heartbeats are missing. For the local
   * agent this catches a wedged event loop or a sampler that keeps failing; remote agents later.
   */
  startMonitor(intervalSec: () => number): void {
    const tick = () => {
      this.markStale(intervalSec() * 3);
      this.monitor = setTimeout(tick, intervalSec() * 1000);
      this.monitor.unref();
    };
    this.monitor = setTimeout(tick, intervalSec() * 1000);
    this.monitor.unref();
  }

  stopMonitor(): void {
    if (this.monitor) clearTimeout(this.monitor);
    this.monitor = null;
  }

  markStale(maxSilenceSec: number): void {
    const now = this.clock.now();
    const before = new Date(now.getTime() - maxSilenceSec * 1000).toISOString();
    for (const agent of this.store.agents.listStale(before)) {
      this.store.agents.setStatus(agent.id, 'OFFLINE');
      this.bus.publish('agent:offline', {
        agentId: agent.id,
        reason: `No heartbeat for more than ${maxSilenceSec} s`,
        timestamp: isoNow(this.clock),
      });
    }
  }
}
