import { notifications } from '@mantine/notifications';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ManagerSettings, ManagerSettingsPatch } from '@ark-asa/contracts';
import { getToken, setToken } from '../../api/auth.ts';
import { ApiError, call } from '../../api/http.ts';
import { keys } from '../../api/queries.ts';
import { markRestartNeeded } from './RestartNotice.tsx';
import { buildPatch, shown, type Draft, type DraftField, type TokenEdit } from './settings-draft.ts';

/** PATCHes the settings and brings the cache, this browser's token and the restart notice along. */
async function saveSettings(qc: QueryClient, patch: ManagerSettingsPatch): Promise<void> {
  const next = await call('patchSettings', { body: patch });
  qc.setQueryData(keys.settings, next);
  // This browser signs in with a token: keep it signed in with the new one.
  if (typeof patch.accessToken === 'string' && getToken()) setToken(patch.accessToken);
  // The notice is a convenience: a failed /health read must not turn a saved change into an error.
  if (patch.bindHost !== undefined || patch.port !== undefined)
    await markRestartNeeded(next.bindHost, next.port).catch(() => undefined);
}

/**
 * The manager settings form's state: the user's edits over the live settings (so a SteamCMD
 * install finishing in the background still shows up), errors from the schema and from the API.
 */
export function useSettingsForm(settings: ManagerSettings) {
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>({});
  const [token, setTokenEdit] = useState<TokenEdit>(undefined);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const { patch, errors } = buildPatch(settings, draft, token);
  const changed = Object.keys(patch).length > 0 || Object.keys(errors).length > 0;

  const error = (field: DraftField | 'accessToken') =>
    serverError?.fieldMessage(field) ?? (submitted ? errors[field] : undefined);
  const value = (field: DraftField) => shown(settings, draft, field);
  const set = (field: DraftField) => (v: string | number) => {
    setServerError(null);
    setDraft((d) => ({ ...d, [field]: v }));
  };
  const editToken = (edit: TokenEdit) => {
    setServerError(null);
    setTokenEdit(edit);
  };
  const reset = () => {
    setDraft({});
    setTokenEdit(undefined);
    setServerError(null);
    setSubmitted(false);
  };

  const save = async () => {
    setSubmitted(true);
    setServerError(null);
    if (Object.keys(errors).length || !Object.keys(patch).length) return;
    setSaving(true);
    try {
      await saveSettings(qc, patch);
      reset();
      notifications.show({ message: 'Settings saved', color: 'teal', autoClose: 3000 });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setServerError(e);
    } finally {
      setSaving(false);
    }
  };

  // A field-less error (or one about a field this form lacks) is shown above the buttons.
  const general = serverError && !serverError.fields.some((f) => f.field in settings) ? serverError.message : null;
  return { value, set, error, token, editToken, save, reset, saving, changed, general };
}
