import type { InstanceStatus } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { isoNow, type Clock } from '../../domain/clock.ts';
import { assertTransition } from '../../domain/instance-state.ts';
import type { EventBus } from '../../events/event-bus.ts';
import type { Store } from '../../store/index.ts';

/**
 * The one setter of instance statuses (wings `SetState`): checks the transition against the state
 * machine, writes it, then publishes `instance:status_changed` — only for a real change, so
 * clients never see a status event that changes nothing.
 */
export class StatusSetter {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  current(instanceId: string): InstanceStatus {
    const record = this.store.instances.get(instanceId);
    if (!record) throw AppError.notFound('Instance', instanceId);
    return record.status;
  }

  /** Returns true when the status changed. */
  set(instanceId: string, to: InstanceStatus, reason?: string): boolean {
    const from = this.current(instanceId);
    if (from === to) return false;
    assertTransition(from, to);
    const now = isoNow(this.clock);
    this.store.instances.setStatus(instanceId, to, now);
    this.bus.publish('instance:status_changed', {
      instanceId,
      status: to,
      previousStatus: from,
      ...(reason ? { reason } : {}),
      changedAt: now,
    });
    return true;
  }
}
