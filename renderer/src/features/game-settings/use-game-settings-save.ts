import { useCallback, useState } from 'react';
import { useAction } from '../../components/use-action.ts';
import { useFormAttention } from '../../components/form-attention.tsx';
import { useWriteGameSettings } from './game-settings-api.ts';
import { isPending, toApiValue, validateValue, type Draft, type SettingRow } from './game-settings-model.ts';
import { NO_ERRORS, placeSaveErrors, type SaveErrors } from './game-settings-errors.ts';
import type { GameSettingChange } from './game-settings-types.ts';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Errors of the edits as typed, by setting id: shown at once, and they keep Save from sending. */
export function localErrors(rows: readonly SettingRow[], draft: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows) {
    const edited = draft[row.id];
    const message = edited === undefined ? null : validateValue(row.def, edited);
    if (message) out[row.id] = message;
  }
  return out;
}

/**
 * Saving the pending edits: checked here first, then by the API, whose field errors land at their
 * setting; either way the form points at the first problem and says what is wrong beside Save.
 */
export function useGameSettingsSave(instanceId: string, rows: readonly SettingRow[], draft: Draft, done: () => void) {
  const write = useWriteGameSettings(instanceId);
  const [errors, setErrors] = useState<SaveErrors>(NO_ERRORS);
  const attention = useFormAttention();
  const action = useAction(
    async (changes: GameSettingChange[], ids: string[]) => {
      try {
        await write(changes);
      } catch (err) {
        setErrors(placeSaveErrors(err, ids));
        attention.check();
        throw err;
      }
      return changes;
    },
    { success: (changes) => `Saved ${plural(changes.length, 'setting')}` },
  );
  /** An edit makes that setting's API error stale (stable: the fields are memoised). */
  const forget = useCallback(
    (id: string) =>
      setErrors((prev) =>
        id in prev.byId
          ? { ...prev, byId: Object.fromEntries(Object.entries(prev.byId).filter(([k]) => k !== id)) }
          : prev,
      ),
    [],
  );
  const pending = rows.filter((r) => isPending(r, draft));
  const local = localErrors(rows, draft);

  const submit = () => {
    setErrors(NO_ERRORS);
    if (pending.some((r) => local[r.id])) return attention.check();
    const changes = pending.map((r) => ({
      file: r.def.file,
      section: r.def.section,
      key: r.def.key,
      value: toApiValue(r.def, draft[r.id] ?? null),
    }));
    action.mutate([changes, pending.map((r) => r.id)], {
      onSuccess: () => {
        attention.clear();
        done();
      },
    });
  };
  return {
    submit,
    saving: action.isPending,
    pendingCount: pending.length,
    errorOf: (id: string): string | undefined => errors.byId[id] ?? local[id],
    general: errors.general,
    problems: attention.problems,
    attachForm: attention.attach,
    forget,
    reset: () => (setErrors(NO_ERRORS), attention.clear()),
  };
}
