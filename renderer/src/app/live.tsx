import { createContext, useContext, useEffect, useState } from 'react';
import type { ConnectionState, EventClient } from '../api/event-client.ts';

export const EventsContext = createContext<EventClient | null>(null);

export function useEvents(): EventClient {
  const client = useContext(EventsContext);
  if (!client) throw new Error('EventsContext is missing');
  return client;
}

export function useConnection(): ConnectionState {
  const client = useEvents();
  const [state, setState] = useState<ConnectionState>(client.connection);
  useEffect(() => client.onState(setState), [client]);
  return state;
}

/** Seconds until `at`, re-rendered every second (the "reconnecting in N s" countdown). */
export function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}
