/**
 * One physical line of an Unreal Engine INI file (GameUserSettings.ini, Game.ini), kept exactly as
 * read so that a document can be written back byte for byte. Classification follows how UE reads
 * config files rather than the common INI dialects: `;` and `#` mark a comment only at the start
 * of a line, and a value is everything after the first `=` (no inline comments, no unquoting).
 */

/** The terminator that ended a line; '' only for a last line without one. */
export type Eol = '\r\n' | '\n' | '\r' | '';

interface LineBase {
  /** The line's text without its terminator. */
  readonly text: string;
  readonly eol: Eol;
}

export type IniLine =
  | (LineBase & { readonly kind: 'blank' | 'comment' | 'raw' })
  | (LineBase & { readonly kind: 'section'; readonly name: string })
  | (LineBase & {
      readonly kind: 'entry';
      /** The key as written, without surrounding whitespace. */
      readonly key: string;
      /** Raw text after the first `=`. */
      readonly value: string;
      /** Offset in `text` where the value starts, so an edit keeps the original `Key =` spelling. */
      readonly valueStart: number;
    });

export type EntryLine = Extract<IniLine, { kind: 'entry' }>;

/** Splits text into lines with their terminators; a lone `\r` ends a line too, as UE reads it. */
export function splitLines(text: string): Array<{ text: string; eol: Eol }> {
  const out: Array<{ text: string; eol: Eol }> = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push({ text: text.slice(start, m.index), eol: m[0] as Eol });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ text: text.slice(start), eol: '' });
  return out;
}

export function classifyLine(text: string, eol: Eol): IniLine {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'blank', text, eol };
  if (trimmed.startsWith(';') || trimmed.startsWith('#')) return { kind: 'comment', text, eol };
  if (trimmed.length >= 2 && trimmed.startsWith('[') && trimmed.endsWith(']')) {
    return { kind: 'section', text, eol, name: trimmed.slice(1, -1) };
  }
  const eq = text.indexOf('=');
  const key = eq < 0 ? '' : text.slice(0, eq).trim();
  if (key === '') return { kind: 'raw', text, eol };
  return { kind: 'entry', text, eol, key, value: text.slice(eq + 1), valueStart: eq + 1 };
}

/** UE config lookups ignore case; `[/script/shootergame.shootergamemode]` is the same section as the mixed-case spelling. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function withEol(line: IniLine, eol: Eol): IniLine {
  return { ...line, eol };
}
