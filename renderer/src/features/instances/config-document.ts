import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { ConfigFileName, Instance, InstanceStatus } from '@ark-asa/contracts';
import { ExternalStore, useStore } from '../../api/external-store.ts';
import { call } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { fromEditor, toEditor } from './config-text.ts';

/** An unsaved edit: the editor text, and the file text it started from. */
interface Draft {
  baseRaw: string;
  text: string;
}

// Outside React so an edit survives switching tabs or pages (the tab panel unmounts); gone on reload.
const drafts = new ExternalStore<ReadonlyMap<string, Draft>>(new Map());
const draftKey = (id: string, file: ConfigFileName) => `${id}/${file}`;

function setDraft(key: string, draft: Draft | null): void {
  const next = new Map(drafts.get());
  if (draft) next.set(key, draft);
  else next.delete(key);
  drafts.set(next);
}

/** Statuses in which no server process exists, so a saved file is not overwritten (the API agrees). */
const EDITABLE: readonly InstanceStatus[] = ['STOPPED', 'CRASHED'];

/**
 * One config file being edited: the text on disk (query), the unsaved edit (draft) and how to
 * write it back byte-exact. `text` is "\n"-separated as a textarea holds it.
 */
export function useConfigDocument(instance: Instance, file: ConfigFileName) {
  const qc = useQueryClient();
  const queryKey = keys.config(instance.id, file);
  const query = useQuery({
    queryKey,
    queryFn: () => call('getConfigFile', { params: { id: instance.id, file } }),
    // The file changes only when we save or the server exits; both refresh it explicitly.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  useRefetchWhenStopped(instance.status, query.refetch);

  const key = draftKey(instance.id, file);
  const draft = useStore(drafts).get(key) ?? null;
  const raw = query.data ?? '';
  const base = useMemo(() => toEditor(raw), [raw]);
  const text = draft?.text ?? base.text;

  return {
    loading: query.isLoading,
    error: query.error,
    text,
    shape: base.shape,
    dirty: draft !== null && draft.text !== base.text,
    /** The file changed on disk after this edit began (the server exited, or another window saved). */
    changedUnderneath: draft !== null && query.data !== undefined && draft.baseRaw !== raw,
    editable: EDITABLE.includes(instance.status),
    // Typing back to the file's text is no edit at all.
    setText: (next: string) =>
      setDraft(key, next === base.text ? null : { baseRaw: draft?.baseRaw ?? raw, text: next }),
    revert: () => setDraft(key, null),
    save: async () => {
      const saved = await call('putConfigFile', {
        params: { id: instance.id, file },
        body: fromEditor(text, base.shape),
      });
      qc.setQueryData(queryKey, saved);
      setDraft(key, null);
    },
  };
}

/** ARK rewrites GameUserSettings.ini as it exits: read the file again once the process is gone. */
function useRefetchWhenStopped(status: InstanceStatus, refetch: () => Promise<unknown>): void {
  const previous = useRef(status);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (was !== status && EDITABLE.includes(status)) void refetch();
  }, [status, refetch]);
}
