/**
 * A small parser of Valve KeyValues text (VDF): the format of `appmanifest_*.acf` and of
 * `app_info_print`. Quoted or bare keys and values, nested `{ }` blocks, `\"` `\\` `\n` `\t`
 * escapes, `//` comments. `[$WIN32]`-style conditionals are skipped, not evaluated.
 */
export type VdfValue = string | VdfObject;
export interface VdfObject {
  [key: string]: VdfValue;
}

export class VdfSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = 'VdfSyntaxError';
    this.offset = offset;
  }
}

type Token = { kind: 'text'; value: string; at: number } | { kind: 'open'; at: number } | { kind: 'close'; at: number };

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t' };

class VdfReader {
  private pos: number;

  constructor(
    private readonly text: string,
    start = 0,
  ) {
    this.pos = start;
  }

  get offset(): number {
    return this.pos;
  }

  next(): Token | null {
    this.skipSpaceAndComments();
    if (this.pos >= this.text.length) return null;
    const at = this.pos;
    const ch = this.text[this.pos];
    if (ch === '{' || ch === '}') {
      this.pos++;
      return { kind: ch === '{' ? 'open' : 'close', at };
    }
    const value = ch === '"' ? this.quoted() : this.bare();
    // A conditional such as [$WIN32] qualifies the entry before it; this parser keeps every entry.
    if (ch !== '"' && /^\[.*\]$/.test(value)) return this.next();
    return { kind: 'text', value, at };
  }

  private skipSpaceAndComments(): void {
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
      if (!this.text.startsWith('//', this.pos)) return;
      const eol = this.text.indexOf('\n', this.pos);
      this.pos = eol < 0 ? this.text.length : eol + 1;
    }
  }

  private quoted(): string {
    const start = this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++] ?? '';
      if (ch === '"') return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = this.text[this.pos] ?? '';
      // Unknown escapes stay literal: unescaped Windows paths (`C:\steam`) must survive.
      const mapped = ESCAPES[esc];
      out += mapped ?? '\\';
      if (mapped !== undefined) this.pos++;
    }
    throw new VdfSyntaxError('Unterminated string', start);
  }

  private bare(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !/[\s{}"]/.test(this.text[this.pos] ?? '')) this.pos++;
    return this.text.slice(start, this.pos);
  }
}

function newObject(): VdfObject {
  // No prototype: keys such as "constructor" or "__proto__" are plain data here.
  return Object.create(null) as VdfObject;
}

/** Reads entries until `}` (nested) or the end of the text (top level). Later duplicates win. */
function readEntries(reader: VdfReader, nested: boolean, limit = Infinity): VdfObject {
  const obj = newObject();
  for (let count = 0; count < limit; count++) {
    const key = reader.next();
    if (!key) {
      if (nested) throw new VdfSyntaxError('Missing }', reader.offset);
      return obj;
    }
    if (key.kind === 'close') {
      if (nested) return obj;
      throw new VdfSyntaxError('Unexpected }', key.at);
    }
    if (key.kind === 'open') throw new VdfSyntaxError('Expected a key, found {', key.at);
    const value = reader.next();
    if (!value) throw new VdfSyntaxError(`Missing value for "${key.value}"`, reader.offset);
    if (value.kind === 'close') throw new VdfSyntaxError(`Missing value for "${key.value}"`, value.at);
    obj[key.value] = value.kind === 'open' ? readEntries(reader, true) : value.value;
  }
  return obj;
}

/** Parses a whole VDF document; throws VdfSyntaxError on malformed text. */
export function parseVdf(text: string): VdfObject {
  return readEntries(new VdfReader(text), false);
}

/**
 * Parses the single entry (`"key" { … }` or `"key" "value"`) that starts at `start`, ignoring
 * whatever text follows it: SteamCMD prints more lines after an app_info_print block.
 */
export function parseVdfEntryAt(text: string, start: number): VdfObject {
  return readEntries(new VdfReader(text, start), false, 1);
}

/** Follows `path` through nested blocks; keys match case-insensitively, as in Valve's own reader. */
export function vdfGet(root: VdfValue | undefined, ...path: string[]): VdfValue | undefined {
  let node = root;
  for (const key of path) {
    if (node === undefined || typeof node === 'string') return undefined;
    const found: string | undefined =
      key in node ? key : Object.keys(node).find((k) => k.toLowerCase() === key.toLowerCase());
    node = found === undefined ? undefined : node[found];
  }
  return node;
}

/** A string leaf at `path`, or null when it is missing or a block. */
export function vdfString(root: VdfValue | undefined, ...path: string[]): string | null {
  const value = vdfGet(root, ...path);
  return typeof value === 'string' ? value : null;
}
