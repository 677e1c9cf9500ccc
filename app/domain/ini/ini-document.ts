import { AppError } from '../app-error.ts';
import { classifyLine, type EntryLine, type Eol, type IniLine, sameName, splitLines, withEol } from './ini-line.ts';

const BOM = '\uFEFF';

export interface IniEntry {
  key: string;
  value: string;
}

/**
 * A line-preserving model of an Unreal Engine INI file. Parsing and printing round-trip any text
 * byte for byte, and edits touch only the lines they change: ARK configs carry hand-written
 * comments, repeated order-significant keys (OverridePlayerLevelEngramPoints,
 * ConfigOverrideItemMaxQuantity) and sections spelled in several cases, all of which a generic
 * INI library loses.
 *
 * Sections and keys match case-insensitively, as UE's config system does. A section that appears
 * several times is one logical section: lookups see every occurrence, additions go to the last.
 * Keys before the first section header are kept but not addressable, because UE ignores them too.
 */
export class IniDocument {
  private lines: IniLine[];
  private readonly bom: boolean;

  private constructor(bom: boolean, lines: IniLine[]) {
    this.bom = bom;
    this.lines = lines;
  }

  static parse(text: string): IniDocument {
    const bom = text.startsWith(BOM);
    const body = bom ? text.slice(BOM.length) : text;
    return new IniDocument(
      bom,
      splitLines(body).map((l) => classifyLine(l.text, l.eol)),
    );
  }

  toString(): string {
    return (this.bom ? BOM : '') + this.lines.map((l) => l.text + l.eol).join('');
  }

  clone(): IniDocument {
    return new IniDocument(this.bom, [...this.lines]);
  }

  /** Logical section names in order of first appearance, spelled as first written. */
  sections(): string[] {
    const names: string[] = [];
    for (const line of this.lines) {
      if (line.kind === 'section' && !names.some((n) => sameName(n, line.name))) names.push(line.name);
    }
    return names;
  }

  /** Every key line of a section (all its occurrences), in file order. */
  entries(section: string): IniEntry[] {
    return this.scan(section).entries.map((i) => {
      const line = this.entryAt(i);
      return { key: line.key, value: line.value };
    });
  }

  get(section: string, key: string): string | undefined {
    const [first] = this.keyIndices(section, key);
    return first === undefined ? undefined : this.entryAt(first).value;
  }

  getAll(section: string, key: string): string[] {
    return this.keyIndices(section, key).map((i) => this.entryAt(i).value);
  }

  /** Changes the first occurrence in place, or adds the key after the section's last key line. */
  set(section: string, key: string, value: string): void {
    const newLine = checkedEntry(section, key, value);
    const [first] = this.keyIndices(section, key);
    if (first === undefined) this.append(section, [newLine]);
    else this.replaceValue(first, key, value);
  }

  /**
   * Makes the key's values exactly `values`, in order: existing occurrences are overwritten in
   * place (so interleaving with other keys survives), surplus ones removed, missing ones added
   * after the last occurrence. An empty list removes the key.
   */
  setAll(section: string, key: string, values: readonly string[]): void {
    const newLines = values.map((v) => checkedEntry(section, key, v));
    const found = this.keyIndices(section, key);
    const shared = Math.min(found.length, values.length);
    for (let i = 0; i < shared; i++) this.replaceValue(found[i]!, key, values[i]!);
    const last = found.at(-1);
    if (values.length > found.length) {
      const rest = newLines.slice(found.length);
      if (last === undefined) this.append(section, rest);
      else this.insert(last + 1, rest);
    } else {
      this.removeIndices(found.slice(values.length));
    }
  }

  /** Removes every occurrence of the key in the section; returns how many lines went. */
  remove(section: string, key: string): number {
    const found = this.keyIndices(section, key);
    this.removeIndices(found);
    return found.length;
  }

  /** Header and key line indices of every occurrence of a logical section. */
  private scan(section: string): { headers: number[]; entries: number[] } {
    const headers: number[] = [];
    const entries: number[] = [];
    let inside = false;
    this.lines.forEach((line, i) => {
      if (line.kind === 'section') {
        inside = sameName(line.name, section);
        if (inside) headers.push(i);
      } else if (line.kind === 'entry' && inside) {
        entries.push(i);
      }
    });
    return { headers, entries };
  }

  private keyIndices(section: string, key: string): number[] {
    return this.scan(section).entries.filter((i) => sameName(this.entryAt(i).key, key));
  }

  private entryAt(i: number): EntryLine {
    const line = this.lines[i];
    if (line?.kind !== 'entry') throw new Error(`line ${i} is not a key line`);
    return line;
  }

  private replaceValue(i: number, key: string, value: string): void {
    const line = this.entryAt(i);
    if (line.value === value) return;
    // Keeps the key's original spelling and spacing; only the text after `=` changes.
    const text = line.text.slice(0, line.valueStart) + value;
    this.lines[i] = mustBeEntry(classifyLine(text, line.eol), key, value);
  }

  private append(section: string, newLines: IniLine[]): void {
    const { headers, entries } = this.scan(section);
    const lastHeader = headers.at(-1);
    if (lastHeader === undefined) {
      this.appendSection(section, newLines);
      return;
    }
    // After the last key line of the last occurrence, so trailing comments and blank lines that
    // separate it from the next section stay where they are.
    const anchor = entries.filter((i) => i > lastHeader).at(-1) ?? lastHeader;
    this.insert(anchor + 1, newLines);
  }

  private appendSection(section: string, newLines: IniLine[]): void {
    const block: IniLine[] = [];
    const last = this.lines.at(-1);
    if (last !== undefined && last.kind !== 'blank') block.push(classifyLine('', ''));
    block.push(checkedSection(section), ...newLines);
    this.insert(this.lines.length, block);
  }

  /**
   * Inserts lines with the document's dominant line ending. When they go after a last line that
   * has no terminator, that line gets one and the file keeps ending without a newline.
   */
  private insert(at: number, newLines: IniLine[]): void {
    const eol = this.dominantEol();
    const fitted = newLines.map((l) => withEol(l, eol));
    const before = this.lines[at - 1];
    if (before !== undefined && before.eol === '' && fitted.length > 0) {
      this.lines[at - 1] = withEol(before, eol);
      fitted[fitted.length - 1] = withEol(fitted[fitted.length - 1]!, '');
    }
    const first = fitted[0];
    if (first !== undefined && mergesWith(this.lines[at - 1], first)) fitted[0] = withEol(first, '\r\n');
    const last = fitted.at(-1);
    if (last !== undefined && mergesWith(last, this.lines[at])) fitted[fitted.length - 1] = withEol(last, '\r\n');
    this.lines.splice(at, 0, ...fitted);
  }

  private removeIndices(indices: readonly number[]): void {
    const drop = new Set(indices);
    if (drop.size === 0) return;
    this.lines = this.lines.filter((_, i) => !drop.has(i));
    // Removal can bring a lone-CR line next to an empty LF line; see mergesWith.
    this.lines.forEach((line, i) => {
      if (mergesWith(line, this.lines[i + 1])) this.lines[i] = withEol(line, '\r\n');
    });
  }

  /** The most common line ending; CRLF when there is none, since the server runs on Windows. */
  private dominantEol(): Exclude<Eol, ''> {
    const counts = { '\r\n': 0, '\n': 0, '\r': 0 };
    for (const line of this.lines) if (line.eol !== '') counts[line.eol]++;
    if (counts['\n'] > counts['\r\n'] && counts['\n'] >= counts['\r']) return '\n';
    if (counts['\r'] > counts['\r\n'] && counts['\r'] > counts['\n']) return '\r';
    return '\r\n';
  }
}

/**
 * A line ending in a lone CR followed by an empty line ending in LF would print as one CRLF and
 * read back as a single line break. Only files mixing old-Mac and Unix endings get there, and
 * only at an edit boundary; turning the CR into CRLF keeps both lines.
 */
function mergesWith(line: IniLine | undefined, next: IniLine | undefined): boolean {
  return line?.eol === '\r' && next?.text === '' && next.eol === '\n';
}

function invalid(field: string, message: string): AppError {
  return AppError.validation([{ field, message }]);
}

function refuseLineBreaks(field: string, text: string): void {
  // A line break in a name or value would let the caller inject a whole line (another key or a section).
  if (/[\r\n]/.test(text)) throw invalid(field, 'Must not contain a line break');
}

/** Builds a key line and proves it parses back as exactly that key and value. */
function checkedEntry(section: string, key: string, value: string): IniLine {
  refuseLineBreaks('section', section);
  refuseLineBreaks('key', key);
  refuseLineBreaks('value', value);
  const line = mustBeEntry(classifyLine(`${key}=${value}`, ''), key, value);
  // Lookups trim keys, so a key with surrounding spaces could never be found again.
  if (line.kind === 'entry' && line.key !== key) throw invalid('key', `"${key}" must not start or end with spaces`);
  return line;
}

function mustBeEntry(line: IniLine, key: string, value: string): IniLine {
  // Catches keys with `=`, surrounding spaces or a leading `;`/`#`, and `[key=value]` shapes that
  // would read back as a section header.
  if (line.kind !== 'entry' || !sameName(line.key, key) || line.value !== value) {
    throw invalid('key', `"${key}" cannot be written as an INI key with this value`);
  }
  return line;
}

function checkedSection(name: string): IniLine {
  const line = classifyLine(`[${name}]`, '');
  if (name === '' || line.kind !== 'section' || line.name !== name) {
    throw invalid('section', `"${name}" cannot be written as an INI section name`);
  }
  return line;
}
