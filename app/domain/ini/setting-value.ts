import type { GameSettingChange, GameSettingDef } from '@ark-asa/contracts';

/** The text to write for a value, or the reason it does not fit the setting. */
export type FormattedValue = { ok: true; text: string } | { ok: false; message: string };

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Turns a value sent by a client into the INI text for the setting's type, checking its range.
 * Strings are accepted for every type (a form field is text); booleans are written `True`/`False`
 * and decimals with six places, as the server itself rewrites them, so a saved file does not
 * change again on the next start.
 */
export function formatSettingValue(
  def: GameSettingDef,
  value: NonNullable<GameSettingChange['value']>,
): FormattedValue {
  switch (def.type) {
    case 'boolean':
      return formatBoolean(value);
    case 'integer':
      return formatNumber(def, value, true);
    case 'float':
      return formatNumber(def, value, false);
    case 'enum':
      return formatEnum(def, value);
    case 'string':
      return formatString(value);
  }
}

function formatBoolean(value: string | number | boolean): FormattedValue {
  if (typeof value === 'boolean') return { ok: true, text: value ? 'True' : 'False' };
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return { ok: true, text: value.trim().toLowerCase() === 'true' ? 'True' : 'False' };
  }
  return { ok: false, message: 'Expected true or false' };
}

function formatNumber(def: GameSettingDef, value: string | number | boolean, whole: boolean): FormattedValue {
  const n = toNumber(value, whole);
  if (n === null) return { ok: false, message: whole ? 'Expected a whole number' : 'Expected a number' };
  if (def.min !== undefined && n < def.min) return { ok: false, message: `Must be at least ${def.min}` };
  if (def.max !== undefined && n > def.max) return { ok: false, message: `Must be at most ${def.max}` };
  return { ok: true, text: whole ? String(n) : formatDecimal(n) };
}

function toNumber(value: string | number | boolean, whole: boolean): number | null {
  if (typeof value === 'boolean') return null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (!(whole ? INTEGER : DECIMAL).test(text)) return null;
    value = Number(text);
  }
  if (!Number.isFinite(value)) return null;
  if (whole && !Number.isSafeInteger(value)) return null;
  return value;
}

/** `1.000000` as ARK writes it, unless six places would round the value away. */
export function formatDecimal(n: number): string {
  const fixed = n.toFixed(6);
  return Number(fixed) === n && !fixed.includes('e') ? fixed : String(n);
}

function formatEnum(def: GameSettingDef, value: string | number | boolean): FormattedValue {
  const text = String(value).trim();
  const match = def.options?.find((o) => o.toLowerCase() === text.toLowerCase());
  if (match === undefined) return { ok: false, message: `Use one of: ${(def.options ?? []).join(', ')}` };
  return { ok: true, text: match };
}

function formatString(value: string | number | boolean): FormattedValue {
  const text = String(value);
  // One INI line per value: a line break would smuggle in another key or a section.
  if (/[\r\n]/.test(text)) return { ok: false, message: 'Must not contain a line break' };
  return { ok: true, text };
}
