import { Button, Code, Collapse, Stack, Text } from '@mantine/core';
import { useId, useState } from 'react';

export interface TechnicalFact {
  label: string;
  /** Shown as is when a string, as indented JSON otherwise. */
  value: unknown;
}

/**
 * Ids and raw JSON, folded away: the sentences above say what happened; this is for a bug report
 * or a script that calls the API.
 */
export function TechnicalDetails({ facts, label = 'Technical details' }: { facts: TechnicalFact[]; label?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div>
      <Button
        variant="subtle"
        size="compact-xs"
        color="gray"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-controls={id}
        data-testid="technical-details"
      >
        {open ? `Hide ${label.toLowerCase()}` : label}
      </Button>
      <Collapse expanded={open} id={id}>
        {open && (
          <Stack gap="xs" mt="xs">
            {facts.map((f) => (
              <div key={f.label}>
                <Text size="xs" c="dimmed" mb={2}>
                  {f.label}
                </Text>
                {typeof f.value === 'string' ? (
                  <Text size="xs" className="mono" style={{ overflowWrap: 'anywhere' }}>
                    {f.value}
                  </Text>
                ) : (
                  <Code block style={{ maxHeight: 320, overflow: 'auto' }}>
                    {JSON.stringify(f.value, null, 2)}
                  </Code>
                )}
              </div>
            ))}
          </Stack>
        )}
      </Collapse>
    </div>
  );
}
