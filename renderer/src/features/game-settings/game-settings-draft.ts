import { ExternalStore, useStore } from '../../api/external-store.ts';
import type { GameSettingChangeValue } from './game-settings-types.ts';
import type { Draft } from './game-settings-model.ts';

// Outside React so unsaved edits survive a visit to another tab (the panel unmounts); gone on reload.
const drafts = new ExternalStore<ReadonlyMap<string, Draft>>(new Map());
const EMPTY: Draft = {};

function put(instanceId: string, draft: Draft): void {
  const next = new Map(drafts.get());
  if (Object.keys(draft).length) next.set(instanceId, draft);
  else next.delete(instanceId);
  drafts.set(next);
}

const current = (instanceId: string): Draft => drafts.get().get(instanceId) ?? EMPTY;

/** The unsaved edits of one server's game settings. */
export const useGameSettingsDraft = (instanceId: string): Draft => useStore(drafts).get(instanceId) ?? EMPTY;

// Plain functions that read the store when called: stable, so the fields that did not change skip rendering.
export function setDraftValue(instanceId: string, id: string, value: GameSettingChangeValue): void {
  put(instanceId, { ...current(instanceId), [id]: value });
}

/** Forgets the edit of one setting (what the file holds shows again). */
export function dropDraftValue(instanceId: string, id: string): void {
  put(instanceId, Object.fromEntries(Object.entries(current(instanceId)).filter(([k]) => k !== id)));
}

export function clearDraft(instanceId: string): void {
  put(instanceId, EMPTY);
}
