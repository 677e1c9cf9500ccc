import { Button, CopyButton, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { generateToken, type TokenEdit } from './settings-draft.ts';

export interface AccessTokenFieldProps {
  /** Whether the manager has a token stored (it is never sent to the browser). */
  stored: boolean;
  edit: TokenEdit;
  onEdit: (edit: TokenEdit) => void;
  error?: string;
}

/**
 * The token remote browsers and scripts present. The stored one cannot be shown (the API masks
 * it), so the field is empty until the user types or generates a new one, which can then be
 * shown and copied before it is saved.
 */
export function AccessTokenField({ stored, edit, onEdit, error }: AccessTokenFieldProps) {
  const [visible, setVisible] = useState(false);
  const value = typeof edit === 'string' ? edit : '';
  const placeholder =
    edit === null
      ? 'No token (it will be removed)'
      : stored
        ? 'A token is set (hidden); type or generate one to replace it'
        : 'No token set';
  return (
    <Stack gap={6}>
      <PasswordInput
        label="Access token"
        description="Remote browsers and scripts must present this token (in the sign-in screen, or as an Authorization: Bearer header). At least 16 characters; this PC needs none."
        placeholder={placeholder}
        value={value}
        onChange={(e) => onEdit(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
        visible={visible}
        onVisibilityChange={setVisible}
        visibilityToggleFocusable
        visibilityToggleButtonProps={{ 'aria-label': visible ? 'Hide the token' : 'Show the token' }}
        error={error}
        autoComplete="off"
        spellCheck={false}
        classNames={{ input: 'mono' }}
        data-testid="access-token"
      />
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          onClick={() => {
            onEdit(generateToken());
            setVisible(true);
          }}
          data-testid="generate-token"
        >
          Generate
        </Button>
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" disabled={!value} onClick={copy} color={copied ? 'teal' : undefined}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
        {stored && edit !== null && (
          <Button size="xs" variant="subtle" color="red" onClick={() => onEdit(null)}>
            Remove the token
          </Button>
        )}
        {edit !== undefined && (
          <Button size="xs" variant="subtle" onClick={() => onEdit(undefined)}>
            {stored ? 'Keep the current token' : 'Clear'}
          </Button>
        )}
      </Group>
      {typeof edit === 'string' && (
        <Text size="xs" c="dimmed" aria-live="polite">
          Copy it before you save: the manager never shows a stored token again.
        </Text>
      )}
    </Stack>
  );
}
