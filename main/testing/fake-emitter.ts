/** A minimal event emitter for fakes: typed loosely on the way in, so it satisfies the ports' overloaded `on`. */
type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapper = (...args: unknown[]) => {
      this.off(event, wrapper);
      return (listener as (...a: unknown[]) => unknown)(...args);
    };
    return this.on(event, wrapper);
  }

  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron-like event whose default action can be prevented. */
export class FakeEvent {
  defaultPrevented = false;

  constructor(readonly url = '') {}

  preventDefault(): void {
    this.defaultPrevented = true;
  }
}
