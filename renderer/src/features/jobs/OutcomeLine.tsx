import { Text } from '@mantine/core';
import type { Outcome } from './job-outcome-words.ts';

const TONE_COLOR: Record<Outcome['tone'], string> = { ok: 'teal', bad: 'red', neutral: 'dimmed' };

/** How a job ended, in one line coloured by how it went. */
export function OutcomeLine({ outcome, size = 'sm' }: { outcome: Outcome | null; size?: 'xs' | 'sm' }) {
  if (!outcome) return null;
  return (
    <Text size={size} c={TONE_COLOR[outcome.tone]} lineClamp={size === 'xs' ? 2 : undefined} data-testid="job-outcome">
      {outcome.text}
    </Text>
  );
}
