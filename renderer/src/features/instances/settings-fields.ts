import { InstanceSettings, PLATFORMS, type InstanceSettingsInput } from '@ark-asa/contracts';

type Key = keyof InstanceSettingsInput;

/** The schema's own description of a field (`.describe()` in the contracts), shown under the input. */
export function describe(key: Key): string | undefined {
  return InstanceSettings.shape[key].description;
}

export const PLATFORM_OPTIONS = PLATFORMS.map((p) => ({
  value: p,
  label: { PC: 'PC (Steam)', XSX: 'Xbox', PS5: 'PlayStation 5', WINGDK: 'Microsoft Store' }[p],
}));

/** Validates with the same schema the API uses; returns messages by field name (without the `settings.` prefix). */
export function localErrors(values: InstanceSettingsInput): Record<string, string> {
  const parsed = InstanceSettings.safeParse(values);
  if (parsed.success) return {};
  const out: Record<string, string> = {};
  for (const issue of parsed.error.issues) out[String(issue.path[0] ?? '')] ??= issue.message;
  return out;
}

/** The on/off switches players and admins ask for; each adds one flag to the command line when on. */
export const SWITCH_FIELDS = [
  { key: 'exclusiveJoin', label: 'Exclusive join' },
  { key: 'pcOnlyMods', label: 'PC-only mods' },
  { key: 'serverGameLog', label: 'Server game log' },
  { key: 'noHangDetection', label: 'No hang detection' },
  { key: 'useDynamicConfig', label: 'Dynamic config' },
] as const satisfies readonly { key: Key; label: string }[];
