import { Accordion, Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { CategoryGroup, SectionGroup } from './game-settings-filter.ts';
import { canReset, isChangedFromDefault, isPending, shownValue, type Draft } from './game-settings-model.ts';
import { categoryLabel, type GameSettingChangeValue } from './game-settings-types.ts';
import { GameSettingField } from './GameSettingField.tsx';

interface FieldsProps {
  draft: Draft;
  instanceId: string;
  disabled: boolean;
  errorOf: (id: string) => string | undefined;
  onChange: (id: string, value: GameSettingChangeValue) => void;
  onReset: (id: string) => void;
}

export interface GameSettingsGroupsProps extends FieldsProps {
  groups: CategoryGroup[];
  /** Categories shown open; the others show their name and counts only. */
  open: ReadonlySet<string>;
  onOpenChange: (categories: string[]) => void;
}

/**
 * One fold per category, and in it one block per file section (the INI's own grouping). A closed
 * fold renders no inputs: the whole catalogue at once is some two hundred of them.
 */
export function GameSettingsGroups({ groups, open, onOpenChange, ...fields }: GameSettingsGroupsProps) {
  return (
    <Accordion multiple variant="separated" value={[...open]} onChange={onOpenChange} chevronPosition="left">
      {groups.map((g) => {
        const rows = g.sections.flatMap((s) => s.rows);
        // The manager writes its own keys at every start: their values are no change a person made.
        const changed = rows.filter((r) => !r.def.managed && isChangedFromDefault(r)).length;
        return (
          <Accordion.Item key={g.category} value={g.category} data-testid="game-settings-category">
            <Accordion.Control>
              <Group gap="xs">
                <Text fw={600}>{categoryLabel(g.category)}</Text>
                <Text size="sm" c="dimmed">
                  {rows.length} {rows.length === 1 ? 'setting' : 'settings'}
                </Text>
                {changed > 0 && (
                  <Badge size="sm" variant="light" color="blue">
                    {changed} changed
                  </Badge>
                )}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              {open.has(g.category) && (
                <Stack gap="lg">
                  {g.sections.map((s) => (
                    <SectionFields key={`${s.file}|${s.section}`} section={s} {...fields} />
                  ))}
                </Stack>
              )}
            </Accordion.Panel>
          </Accordion.Item>
        );
      })}
    </Accordion>
  );
}

function SectionFields({
  section,
  draft,
  instanceId,
  disabled,
  errorOf,
  onChange,
  onReset,
}: FieldsProps & { section: SectionGroup }) {
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed" ff="monospace">
        {section.file} · [{section.section}]
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="md">
        {section.rows.map((row) => (
          <GameSettingField
            key={row.id}
            row={row}
            instanceId={instanceId}
            value={shownValue(row, draft)}
            error={errorOf(row.id)}
            changed={isChangedFromDefault(row)}
            pending={isPending(row, draft)}
            canReset={canReset(row, draft)}
            disabled={disabled}
            onChange={onChange}
            onReset={onReset}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
