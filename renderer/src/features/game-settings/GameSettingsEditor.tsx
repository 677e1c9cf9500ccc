import { Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import type { Instance } from '@ark-asa/contracts';
import { filterRows, groupRows, type CategoryGroup, type SettingsFilter } from './game-settings-filter.ts';
import { isPending, toRows, type SettingRow } from './game-settings-model.ts';
import { readOnlyReason } from './game-settings-status.ts';
import type { GameSettingChangeValue, GameSettingDef, InstanceGameSettings } from './game-settings-types.ts';
import { clearDraft, dropDraftValue, setDraftValue, useGameSettingsDraft } from './game-settings-draft.ts';
import { useGameSettingsSave } from './use-game-settings-save.ts';
import { GameSettingsGroups } from './GameSettingsGroups.tsx';
import { MisplacedNotice, ReadOnlyNotice } from './GameSettingsNotices.tsx';
import { GameSettingsSaveBar } from './GameSettingsSaveBar.tsx';
import classes from './GameSettings.module.css';

export interface GameSettingsEditorProps {
  instance: Instance;
  catalogue: GameSettingDef[];
  state: InstanceGameSettings;
}

/** The typed settings form: search, the changed-only filter, grouped inputs and the save bar. */
export function GameSettingsEditor({ instance, catalogue, state }: GameSettingsEditorProps) {
  const [filter, setFilter] = useState<SettingsFilter>({ query: '', changedOnly: false });
  const draft = useGameSettingsDraft(instance.id);
  const rows = useMemo(() => toRows(catalogue, state.values), [catalogue, state.values]);
  const discard = useCallback(() => clearDraft(instance.id), [instance.id]);
  const {
    attachForm,
    submit,
    forget,
    errorOf,
    pendingCount,
    saving,
    general,
    problems,
    reset: clearErrors,
  } = useGameSettingsSave(instance.id, rows, draft, discard);
  const [opened, setOpened] = useState<string[]>([]);
  const groups = groupRows(filterRows(rows, draft, filter));
  const shownCount = groups.reduce((n, g) => n + g.sections.reduce((m, s) => m + s.rows.length, 0), 0);
  const readOnly = readOnlyReason(instance.status);
  const open = openCategories(groups, opened, filter, (r) => isPending(r, draft) || !!errorOf(r.id));
  const change = useCallback(
    (id: string, value: GameSettingChangeValue) => {
      forget(id);
      setDraftValue(instance.id, id, value);
    },
    [instance.id, forget],
  );
  const reset = useCallback(
    (id: string) => {
      forget(id);
      // A key not in the file has nothing to remove: dropping the edit is the whole reset.
      if (rows.find((r) => r.id === id)?.stored === undefined) dropDraftValue(instance.id, id);
      else setDraftValue(instance.id, id, null);
    },
    [instance.id, rows, forget],
  );

  return (
    <form ref={attachForm} onSubmit={(e) => (e.preventDefault(), submit())} noValidate>
      <Stack gap="sm">
        <ReadOnlyNotice reason={readOnly} />
        <MisplacedNotice warnings={state.warnings} instanceId={instance.id} />
        <Group className={classes.toolbar} gap="md" align="center">
          <TextInput
            aria-label="Search settings"
            placeholder="Search by name, INI key or description"
            value={filter.query}
            onChange={(e) => setFilter({ ...filter, query: e.currentTarget.value })}
            w={360}
            type="search"
            data-testid="game-settings-search"
          />
          <Switch
            label="Changed from default only"
            checked={filter.changedOnly}
            onChange={(e) => setFilter({ ...filter, changedOnly: e.currentTarget.checked })}
            data-testid="game-settings-changed-only"
          />
          <Text size="sm" c="dimmed" data-testid="game-settings-count">
            {shownCount === rows.length ? `${rows.length} settings` : `${shownCount} of ${rows.length} settings`}
          </Text>
        </Group>
        {groups.length ? (
          <GameSettingsGroups
            groups={groups}
            open={open}
            onOpenChange={setOpened}
            draft={draft}
            instanceId={instance.id}
            disabled={!!readOnly}
            errorOf={errorOf}
            onChange={change}
            onReset={reset}
          />
        ) : (
          <Text c="dimmed" size="sm" data-testid="game-settings-empty">
            {emptyText(filter)}
          </Text>
        )}
        <GameSettingsSaveBar
          pendingCount={pendingCount}
          saving={saving}
          readOnly={readOnly}
          general={general}
          problems={problems}
          onDiscard={() => (discard(), clearErrors())}
        />
      </Stack>
    </form>
  );
}

function emptyText({ query, changedOnly }: SettingsFilter): string {
  if (query.trim() && changedOnly) return `No changed setting matches “${query.trim()}”.`;
  if (query.trim()) return `No setting matches “${query.trim()}”.`;
  return 'Every setting is at its default: nothing is changed in the files.';
}

/**
 * A search or the changed-only filter opens every fold it leaves, so what it found is in view;
 * otherwise the folds a person opened, plus any holding an unsaved edit or an error (Save points
 * the eye at those fields, so they must be on the page).
 */
function openCategories(
  groups: readonly CategoryGroup[],
  opened: readonly string[],
  filter: SettingsFilter,
  needsEye: (row: SettingRow) => boolean,
): ReadonlySet<string> {
  if (filter.query.trim() || filter.changedOnly) return new Set(groups.map((g) => g.category));
  const held = groups.filter((g) => g.sections.some((s) => s.rows.some(needsEye))).map((g) => g.category);
  return new Set([...opened, ...held]);
}
