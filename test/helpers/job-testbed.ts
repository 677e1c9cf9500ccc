import type { WSEvent } from '@ark-asa/contracts';
import { systemClock, type Clock } from '../../app/domain/clock.ts';
import { EventBus } from '../../app/events/event-bus.ts';
import { JobRunner } from '../../app/jobs/job-runner.ts';
import { createLogger, type Logger } from '../../app/logger.ts';
import type { Store } from '../../app/store/index.ts';

export interface JobTestbed {
  runner: JobRunner;
  bus: EventBus;
  logger: Logger;
  /** Every event published, in order. */
  events: WSEvent[];
}

/** A real job runner on `store` with a strict bus (events must match the contracts) whose events are recorded. */
export function jobTestbed(
  store: Store,
  opts: { clock?: Clock; concurrency?: number; progressIntervalMs?: number } = {},
): JobTestbed {
  const logger = createLogger({ silent: true });
  const bus = new EventBus(logger, true);
  const events: WSEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const runner = new JobRunner({
    store,
    bus,
    logger,
    clock: opts.clock ?? systemClock,
    concurrency: () => opts.concurrency ?? 2,
    progressIntervalMs: opts.progressIntervalMs ?? 10,
  });
  return { runner, bus, logger, events };
}
