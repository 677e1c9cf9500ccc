import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { NotificationTarget } from '@ark-asa/contracts';
import { ApiError } from '../../api/http.ts';
import { useCreateTarget, useUpdateTarget } from './use-notification-targets.ts';
import {
  createBody,
  draftOf,
  updateBody,
  type DraftErrors,
  type DraftField,
  type WebhookDraft,
} from './webhook-draft.ts';

/**
 * The webhook form's state: the draft, the schema's messages after a submit, then the API's at the
 * same fields. Editing sends only what changed; an unchanged form just closes. `onRejected` runs
 * when a submit did not go through (to point at the fields).
 */
export function useWebhookForm(
  target: NotificationTarget | undefined,
  onClose: () => void,
  onRejected: () => void = () => undefined,
) {
  const [draft, setDraft] = useState<WebhookDraft>(() => draftOf(target));
  const [local, setLocal] = useState<DraftErrors>({});
  const create = useCreateTarget();
  const update = useUpdateTarget(target?.id ?? '');
  const apiError = [create.error, update.error].find((e) => e instanceof ApiError) ?? null;

  const set =
    <K extends keyof WebhookDraft>(key: K) =>
    (value: WebhookDraft[K]) => {
      setDraft((d) => ({ ...d, [key]: value }));
      setLocal((l) => ({ ...l, [key]: undefined }));
    };
  const done = () => {
    notifications.show({ color: 'teal', autoClose: 3000, message: target ? 'Webhook saved' : 'Webhook added' });
    onClose();
  };
  const submit = () => {
    create.reset();
    update.reset();
    if (!target) {
      const { body, errors } = createBody(draft);
      setLocal(errors);
      if (body) create.mutate(body, { onSuccess: done, onError: onRejected });
      else onRejected();
      return;
    }
    const { body, errors } = updateBody(target, draft);
    setLocal(errors);
    if (!body) return onRejected();
    if (!Object.keys(body).length) return onClose();
    update.mutate(body, { onSuccess: done, onError: onRejected });
  };

  return {
    draft,
    set,
    submit,
    saving: create.isPending || update.isPending,
    error: (field: DraftField) => local[field] ?? apiError?.fieldMessage(field),
    general: apiError && !apiError.fields.length ? apiError.message : null,
  };
}
