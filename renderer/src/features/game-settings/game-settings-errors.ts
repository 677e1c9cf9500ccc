import { ApiError } from '../../api/http.ts';

/** Where a failed save's messages go: at their setting (by id), or beside the Save button. */
export interface SaveErrors {
  byId: Record<string, string>;
  general: string | null;
}

export const NO_ERRORS: SaveErrors = { byId: {}, general: null };

/**
 * Puts the API's field errors (`changes.3.value`) at the setting of the change they name; what
 * names no change (a 409 while the server runs, a lost connection) is said beside the button.
 */
export function placeSaveErrors(err: unknown, changeIds: readonly string[]): SaveErrors {
  if (!(err instanceof ApiError)) return { byId: {}, general: err instanceof Error ? err.message : String(err) };
  const byId: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const f of err.fields) {
    const index = /^changes\.(\d+)(\.|$)/.exec(f.field)?.[1];
    const id = index === undefined ? undefined : changeIds[Number(index)];
    if (id) byId[id] ??= f.message;
    else unplaced.push(f.message);
  }
  const general = unplaced.length ? unplaced.join('; ') : Object.keys(byId).length ? null : err.message;
  return { byId, general };
}
