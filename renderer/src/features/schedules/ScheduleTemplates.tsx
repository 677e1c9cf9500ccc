import { Button, Stack, Text } from '@mantine/core';
import type { ScheduleDraft } from './schedule-draft.ts';
import { SCHEDULE_TEMPLATES } from './schedule-templates.ts';

/** The three example sentences as one-click starting points. */
export function ScheduleTemplates({ onPick }: { onPick: (draft: Partial<ScheduleDraft>) => void }) {
  return (
    <div role="group" aria-labelledby="schedule-templates-label">
      <Text size="sm" fw={500} id="schedule-templates-label" mb={4}>
        Start from a template
      </Text>
      <Stack gap={4} align="flex-start">
        {SCHEDULE_TEMPLATES.map((t) => (
          <div key={t.label}>
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => onPick(t.draft)}
              styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
              h="auto"
              py={4}
            >
              {t.label}
            </Button>
            {t.note && (
              <Text size="xs" c="dimmed" ml={4}>
                {t.note}
              </Text>
            )}
          </div>
        ))}
      </Stack>
    </div>
  );
}
