import { InstanceSettings, SECRET_MASK, type FieldError, type InstanceSettingsPatch } from '@ark-asa/contracts';
import { AppError } from '../domain/app-error.ts';
import { foldLegacySwitchArgs } from '../domain/command-line-flags.ts';
import type { InstanceRecord } from '../store/index.ts';
import { maskedLeft, unmaskArgs } from './instance-dto.ts';

/** A PATCH merged over the stored settings; a masked secret sent back unchanged keeps the stored one. */
export function mergeSettings(stored: InstanceSettings, patch: InstanceSettingsPatch): InstanceSettings {
  // Switches stored as extra flags before they had fields would fail the schema below.
  const current = foldLegacySwitchArgs(stored);
  const merged = { ...current, ...patch };
  if (patch.adminPassword === SECRET_MASK) merged.adminPassword = current.adminPassword;
  if (patch.serverPassword === SECRET_MASK) merged.serverPassword = current.serverPassword;
  if (patch.extraQueryArgs) merged.extraQueryArgs = unmaskArgs(patch.extraQueryArgs, current.extraQueryArgs);
  if (patch.extraDashArgs) merged.extraDashArgs = unmaskArgs(patch.extraDashArgs, current.extraDashArgs);
  for (const field of ['extraQueryArgs', 'extraDashArgs'] as const) {
    const masked = patch[field] ? maskedLeft(merged[field]) : [];
    if (masked.length) {
      throw AppError.validation([
        { field: `settings.${field}`, message: `${masked[0]} has no stored value to keep; give the value itself` },
      ]);
    }
  }
  const parsed = InstanceSettings.safeParse(merged);
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => ({ field: ['settings', ...i.path].join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

/**
 * Two servers of one agent cannot share a port: the second would fail to bind (or, worse, an RCON
 * client would talk to the wrong server). The game port is UDP and RCON TCP, but ARK managers
 * treat every port of an instance as taken, and so do we.
 */
export function checkPortConflicts(settings: InstanceSettings, others: InstanceRecord[]): void {
  const errors: FieldError[] = [];
  for (const field of ['gamePort', 'rconPort'] as const) {
    const port = settings[field];
    const owner = others.find((o) => o.settings.gamePort === port || o.settings.rconPort === port);
    if (owner)
      errors.push({
        field: `settings.${field}`,
        message: `Port ${port} is already used by the server "${owner.name}"`,
      });
  }
  if (errors.length) throw AppError.validation(errors);
}

/** A strong admin (RCON) password when the user gave none: the manager needs RCON to stop servers cleanly. */
export function generatePassword(length = 20): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
