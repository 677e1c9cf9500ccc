import { SECRET_MASK } from '@ark-asa/contracts';

/** Keys of GameUserSettings.ini whose values are passwords (docs/ark-facts.md#config-files). */
const SECRET_LINE = /^([ \t]*(?:ServerAdminPassword|ServerPassword|SpectatorPassword)[ \t]*=)([^\r\n]*)$/gim;

/**
 * Secrets never leave the manager in full (docs/rest-api.md#conventions), not even inside the raw INI text: each
 * password value is replaced by the mask. Every other byte is unchanged.
 */
export function maskIniSecrets(text: string): string {
  return text.replace(SECRET_LINE, (_, key: string, value: string) => (value === '' ? key : `${key}${SECRET_MASK}`));
}

/**
 * The reverse for a file sent back: a masked value takes the value the same key has in `current`
 * (the file on disk), so a round trip through GET and PUT changes nothing. A value the user typed
 * is kept as typed.
 */
export function unmaskIniSecrets(text: string, current: string): string {
  // The n-th occurrence of a key takes the n-th value on disk (a file may repeat a key).
  const known = new Map<string, string[]>();
  for (const m of current.matchAll(SECRET_LINE)) known.set(keyOf(m[1]!), [...(known.get(keyOf(m[1]!)) ?? []), m[2]!]);
  const seen = new Map<string, number>();
  return text.replace(SECRET_LINE, (line, key: string, value: string) => {
    const k = keyOf(key);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return value === SECRET_MASK ? `${key}${known.get(k)?.[n] ?? ''}` : line;
  });
}

const keyOf = (prefix: string) =>
  prefix
    .trim()
    .replace(/[ \t]*=$/, '')
    .toLowerCase();
