// GameUserSettings.ini as the server reads and rewrites it (docs/ark-facts.md#config-files).
export interface IniEntry {
  key: string;
  value: string;
}

export interface IniSection {
  name: string;
  entries: IniEntry[];
}

/** Sections in file order; duplicate keys kept in order. Comments and lines before the first section are dropped. */
export interface IniDoc {
  sections: IniSection[];
}

export function parseIni(text: string): IniDoc {
  const sections: IniSection[] = [];
  let current: IniSection | null = null;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = { name: header[1] ?? '', entries: [] };
      sections.push(current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current.entries.push({ key: line.slice(0, eq).trim(), value: line.slice(eq + 1) });
  }
  return { sections };
}

function findSection(doc: IniDoc, name: string): IniSection | undefined {
  return doc.sections.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

export function getIni(doc: IniDoc, section: string, key: string): string | undefined {
  return findSection(doc, section)?.entries.find((e) => e.key.toLowerCase() === key.toLowerCase())?.value;
}

/** Sets the first occurrence of key (or appends it), creating the section at the end if needed. */
export function setIni(doc: IniDoc, section: string, key: string, value: string): void {
  let target = findSection(doc, section);
  if (!target) {
    target = { name: section, entries: [] };
    doc.sections.push(target);
  }
  const entry = target.entries.find((e) => e.key.toLowerCase() === key.toLowerCase());
  if (entry) entry.value = value;
  else target.entries.push({ key, value });
}

/** Keys whose values are text even when they look like numbers (a password `1.5` stays `1.5`). */
const TEXT_KEYS = new Set([
  'serveradminpassword',
  'serverpassword',
  'spectatorpassword',
  'sessionname',
  'message',
  'activemods',
]);

/** UE writes floats with `%f`: six decimals (`1.0` → `1.000000`, `0.2` → `0.200000`). */
function normaliseValue(key: string, value: string): string {
  if (TEXT_KEYS.has(key.toLowerCase())) return value;
  const trimmed = value.trim();
  if (!/^[+-]?(\d+\.\d*|\.\d+)$/.test(trimmed)) return value;
  return Number(trimmed).toFixed(6);
}

/** Serialises like the server on exit: floats normalised, CRLF line endings, a blank line between sections. */
export function formatIniLikeArk(doc: IniDoc): string {
  const blocks = doc.sections.map((s) =>
    [`[${s.name}]`, ...s.entries.map((e) => `${e.key}=${normaliseValue(e.key, e.value)}`)].join('\r\n'),
  );
  return `${blocks.join('\r\n\r\n')}\r\n`;
}
