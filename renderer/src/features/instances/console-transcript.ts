import { useCallback, useState } from 'react';

export interface TranscriptEntry {
  id: number;
  command: string;
  at: string;
  state: 'pending' | 'ok' | 'error';
  /** The formatted response, or the API's error message. */
  text: string;
}

const MAX_ENTRIES = 100;
// Kept outside React so the transcript survives switching tabs (the tab panel unmounts).
const transcripts = new Map<string, TranscriptEntry[]>();
let nextId = 1;

/** The RCON commands sent from this page and their answers, newest last (mount it keyed by instance). */
export function useTranscript(instanceId: string) {
  const [entries, setEntries] = useState<TranscriptEntry[]>(() => transcripts.get(instanceId) ?? []);

  const update = useCallback(
    (fn: (list: TranscriptEntry[]) => TranscriptEntry[]) => {
      const next = fn(transcripts.get(instanceId) ?? []).slice(-MAX_ENTRIES);
      transcripts.set(instanceId, next);
      setEntries(next);
    },
    [instanceId],
  );

  const begin = useCallback(
    (command: string): number => {
      const id = nextId++;
      update((list) => [...list, { id, command, at: new Date().toISOString(), state: 'pending', text: '' }]);
      return id;
    },
    [update],
  );

  const finish = useCallback(
    (id: number, state: 'ok' | 'error', text: string) =>
      update((list) => list.map((e) => (e.id === id ? { ...e, state, text } : e))),
    [update],
  );

  const clear = useCallback(() => update(() => []), [update]);
  return { entries, begin, finish, clear };
}
