import { useSyncExternalStore } from 'react';

/** A minimal observable value for React (useSyncExternalStore), for state that events feed at a high rate. */
export class ExternalStore<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private value: T) {}

  get(): T {
    return this.value;
  }

  set(next: T): void {
    this.value = next;
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** Reads a store in a component, re-rendering on change. */
export function useStore<T>(store: ExternalStore<T>): T {
  return useSyncExternalStore(store.subscribe, () => store.get());
}
