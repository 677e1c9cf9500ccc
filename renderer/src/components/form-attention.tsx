import { Text } from '@mantine/core';
import { useCallback, useState } from 'react';

/** "2 fields need attention: Session name, Game port". */
export function problemSummary(labels: string[]): string {
  return `${labels.length} ${labels.length === 1 ? 'field needs' : 'fields need'} attention: ${labels.join(', ')}`;
}

/** The words a person sees for a field: its label without the required asterisk. */
function fieldLabel(el: HTMLElement): string {
  const labels = (el as HTMLInputElement).labels;
  const text = labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.getAttribute('name') ?? 'A field';
  return text.replace(/\s*\*\s*$/, '').trim();
}

/**
 * After a submit that did not go through, puts the eye where the problem is: scrolls to and focuses
 * the first invalid field and names every invalid field near the submit button. It reads the form's
 * DOM (`aria-invalid`, which every Mantine input sets from its `error`), so local and API errors,
 * and every form, work the same.
 */
export function useFormAttention() {
  // The form element in state (a callback ref): no ref object for render code to read.
  const [form, attach] = useState<HTMLFormElement | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const check = useCallback(() => {
    // The fields render their errors in the commit that follows the state change; look after it.
    requestAnimationFrame(() => {
      if (!form) return;
      const invalid = [...form.querySelectorAll<HTMLElement>('[aria-invalid="true"]')];
      setProblems([...new Set(invalid.map(fieldLabel))]);
      const first = invalid[0];
      if (!first) return;
      first.scrollIntoView?.({ block: 'center' });
      first.focus({ preventScroll: true });
    });
  }, [form]);
  const clear = useCallback(() => setProblems([]), []);
  return { attach, problems, check, clear };
}

/** The summary line placed beside the submit button. */
export function FormProblems({ problems }: { problems: string[] }) {
  if (!problems.length) return null;
  return (
    <Text c="red" size="sm" role="alert" data-testid="form-problems">
      {problemSummary(problems)}
    </Text>
  );
}
