import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';

// Large forms make role queries over the whole page slow in jsdom: fields are found by their
// label, and options inside their own list. Render with `mantineEnv: 'test'` (harness.tsx).

/** An input by its label (a RegExp for labels with a required asterisk). */
export const field = (label: string | RegExp) => screen.findByLabelText(label, { selector: 'input' });

/** Opens a Mantine select as a click does, and gives its option list. */
export async function openSelect(label: string | RegExp): Promise<HTMLElement> {
  const input = await field(label);
  fireEvent.click(input);
  await waitFor(() => expect(input.getAttribute('aria-expanded')).toBe('true'));
  const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
  if (!list) throw new Error(`No option list for ${String(label)}`);
  return list;
}

/** Picks one option of a Mantine select by its words. */
export async function pickOption(label: string | RegExp, option: string): Promise<void> {
  const list = await openSelect(label);
  fireEvent.click(await within(list).findByRole('option', { name: option }));
}
