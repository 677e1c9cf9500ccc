import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';

export interface ConfirmButtonProps extends Omit<ButtonProps, 'onClick' | 'children'> {
  /** The button's words, e.g. "Delete…". */
  label: ReactNode;
  title: string;
  /** What happens, in a sentence the user reads before agreeing. */
  body: ReactNode;
  confirmLabel: string;
  /** The safe choice, e.g. "Keep it running". */
  keepLabel?: string;
  onConfirm: () => void;
  'data-testid'?: string;
  'aria-label'?: string;
}

/**
 * A destructive action behind a question: nothing is cancelled or deleted on a single click. The
 * safe choice has the focus, so Enter on a stray keypress keeps things as they are.
 */
export function ConfirmButton({
  label,
  title,
  body,
  confirmLabel,
  keepLabel = 'Keep it',
  onConfirm,
  color = 'red',
  ...button
}: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button color={color} variant="light" {...button} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title} centered>
        <Stack>
          <Text size="sm">{body}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)} data-autofocus>
              {keepLabel}
            </Button>
            <Button
              color={color}
              data-testid="confirm"
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
