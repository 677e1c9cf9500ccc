import { WSEventSchemas, type WSEvent, type WSEventData, type WSEventName } from '@ark-asa/contracts';
import type { Logger } from '../logger.ts';

export type EventListener = (event: WSEvent) => void;

/**
 * The typed event bus. `publish` is compile-checked against the contracts (name → payload) and,
 * at runtime, validated by the event's schema: an event that breaks the protocol is a bug in the
 * control plane, thrown in strict mode (tests) and logged and dropped otherwise, so a bad payload
 * can never reach clients. Listeners are isolated: one that throws does not stop the others.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly logger: Logger,
    private readonly strict = false,
  ) {}

  publish<N extends WSEventName>(event: N, data: WSEventData<N>): void {
    const parsed = WSEventSchemas[event].safeParse(data);
    if (!parsed.success) {
      if (this.strict) throw new Error(`Event ${event} does not match its schema: ${parsed.error.message}`);
      this.logger.error({ event, issues: parsed.error.issues }, 'dropped an event that does not match its schema');
      return;
    }
    const message = { event, data } as WSEvent;
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (err) {
        this.logger.error({ err, event }, 'event listener failed');
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
