import { Badge, Button, Card, Group, PasswordInput, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { PutCurseForgeKeyBody, type CurseForgeKeyState } from '@ark-asa/contracts';
import { ApiError, call } from '../../api/http.ts';
import { ago } from '../../components/format.ts';
import { ConfirmButton } from '../jobs/ConfirmButton.tsx';
import { modKeys, useCurseForgeKey } from './use-mods.ts';

/** The Settings page's CurseForge key: stored as a secret on this machine, shown only as set or not. */
export function CurseForgeKeySection() {
  const key = useCurseForgeKey();
  const ref = useScrollTarget('#curseforge', !!key.data);
  return (
    <Card id="curseforge" ref={ref} data-testid="curseforge-key">
      <Stack>
        <div>
          <Group gap="sm">
            <Title order={4}>CurseForge API key</Title>
            {key.data && <KeyBadge state={key.data} />}
          </Group>
          <Text size="sm" c="dimmed">
            Mod names and new-file checks come from CurseForge, which asks every app for its own key: create one in the
            CurseForge for Studios console (sign in, then open API keys) and paste it here. It stays on this machine,
            stored as a secret, and is sent only to CurseForge. Servers download their mods without it.
          </Text>
        </div>
        {key.isLoading && <Skeleton h={60} />}
        {key.error && (
          <Text c="red" size="sm" role="alert">
            {key.error.message}
          </Text>
        )}
        {key.data && <KeyForm state={key.data} />}
      </Stack>
    </Card>
  );
}

function KeyBadge({ state }: { state: CurseForgeKeyState }) {
  return state.configured ? (
    <Badge color="teal" variant="light">
      Key set{state.updatedAt ? ` ${ago(state.updatedAt)}` : ''}
    </Badge>
  ) : (
    <Badge color="gray" variant="outline">
      No key
    </Badge>
  );
}

function useSaveKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (apiKey: string | null) => call('putCurseForgeKey', { body: { apiKey } }),
    onSuccess: (state) => {
      qc.setQueryData(modKeys.curseForgeKey, state);
      // Every mods tab's names and update checks depend on the key.
      void qc.invalidateQueries({ queryKey: modKeys.all });
      notifications.show({
        color: 'teal',
        autoClose: 3000,
        message: state.configured ? 'CurseForge key saved' : 'CurseForge key removed',
      });
    },
  });
}

function KeyForm({ state }: { state: CurseForgeKeyState }) {
  const [value, setValue] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useSaveKey();
  const apiError = save.error instanceof ApiError ? save.error : null;
  const fieldError = localError ?? apiError?.fieldMessage('apiKey');
  const submit = () => {
    const parsed = PutCurseForgeKeyBody.shape.apiKey.safeParse(value.trim());
    if (!parsed.success) return setLocalError(parsed.error.issues[0]?.message ?? 'Not a valid key');
    save.mutate(parsed.data, { onSuccess: () => setValue('') });
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), submit())} noValidate>
      <Stack gap="xs">
        <PasswordInput
          label={state.configured ? 'Replace the key' : 'API key'}
          placeholder={state.configured ? 'A key is stored (hidden); paste a new one to replace it' : 'Paste the key'}
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            setLocalError(null);
            save.reset();
          }}
          error={fieldError}
          autoComplete="off"
          spellCheck={false}
          classNames={{ input: 'mono' }}
          data-testid="curseforge-key-input"
        />
        {apiError && !apiError.fieldMessage('apiKey') && (
          <Text c="red" size="sm" role="alert">
            {apiError.message}
          </Text>
        )}
        <Group gap="xs">
          <Button type="submit" loading={save.isPending && save.variables !== null} disabled={!value.trim()}>
            {state.configured ? 'Replace key' : 'Save key'}
          </Button>
          {state.configured && (
            <ConfirmButton
              label="Remove key…"
              title="Remove the CurseForge key?"
              body="Mods tabs then show ids instead of names, and new mod files are no longer noticed. Servers keep downloading their mods at start."
              confirmLabel="Remove the key"
              keepLabel="Keep it"
              variant="subtle"
              loading={save.isPending && save.variables === null}
              onConfirm={() => save.mutate(null)}
            />
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** Scrolls to this element when the URL's hash names it (links from the mods tab), once it has content. */
function useScrollTarget(hash: string, ready: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  const { hash: current } = useLocation();
  useEffect(() => {
    if (ready && current === hash) ref.current?.scrollIntoView({ block: 'start' });
  }, [ready, current, hash]);
  return ref;
}
