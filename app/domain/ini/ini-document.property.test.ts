import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IniDocument } from './ini-document.ts';

const BOM = '\uFEFF';

interface Line {
  text: string;
  eol: string;
}

/** An independent line splitter, so the checks below do not trust the code under test. */
function lines(text: string): Line[] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body === '') return [];
  return body.split(/(?<=\r\n|\n|\r(?!\n))/).map((chunk) => {
    const eol = /\r\n$|\n$|\r$/.exec(chunk)?.[0] ?? '';
    return { text: chunk.slice(0, chunk.length - eol.length), eol };
  });
}

const texts = (ls: Line[]) => ls.map((l) => l.text);

/**
 * True when `after` is `before` with one contiguous block inserted, and no line ending changed
 * except a final line without one gaining one (it is no longer last).
 */
function isInsertion(before: Line[], after: Line[], size: number): boolean {
  if (after.length - before.length !== size) return false;
  for (let p = 0; p <= before.length; p++) {
    const head = before.slice(0, p);
    const tail = before.slice(p);
    if (JSON.stringify(texts(after.slice(0, p))) !== JSON.stringify(texts(head))) continue;
    if (JSON.stringify(after.slice(p + size)) !== JSON.stringify(tail)) continue;
    const eolsKept = head.every((l, i) => l.eol === after[i]!.eol || (i === before.length - 1 && l.eol === ''));
    if (eolsKept) return true;
  }
  return false;
}

const mixCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((flips) => [...word].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

const sectionName = fc
  .constantFrom('ServerSettings', 'SessionSettings', '/Script/ShooterGame.ShooterGameMode', 'A')
  .chain(mixCase);
const keyName = fc
  .constantFrom('MaxPlayers', 'Port', 'OverridePlayerLevelEngramPoints', 'PerLevelStatsMultiplier_Player[0]', 'k')
  .chain(mixCase);

const tricky = fc.constantFrom('=', ';', '#', '[', ']', ' ', '\t', '"', '(', ')', ',', BOM, 'é', '🦖', 'a', '0');
/** Any single-line text: printable ASCII plus the characters INI parsers trip on. */
const lineText = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: tricky, maxLength: 12 }));
const ws = fc.constantFrom('', ' ', '\t', '  ');
const eol = fc.constantFrom('\r\n', '\n', '\r');

const iniLine = fc.oneof(
  fc.tuple(ws, sectionName, ws).map(([a, n, b]) => `${a}[${n}]${b}`),
  fc.tuple(ws, keyName, ws, lineText).map(([a, k, b, v]) => `${a}${k}${b}=${v}`),
  fc.tuple(ws, fc.constantFrom(';', '#'), lineText).map(([a, c, t]) => `${a}${c}${t}`),
  ws,
  lineText,
);

/** INI-shaped documents: BOM or not, mixed line endings, with or without a final newline. */
const iniText = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(iniLine, eol), { maxLength: 25 }), fc.boolean())
  .map(([bom, ls, finalEol]) => {
    const body = ls.map(([t, e], i) => (i === ls.length - 1 && !finalEol ? t : t + e)).join('');
    return (bom ? BOM : '') + body;
  });

const value = lineText;

describe('IniDocument properties', () => {
  it('round-trips arbitrary text byte for byte', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('\r', '\n', BOM, '[', ']', '=', ';', '#', ' ', 'K', 'é') }),
      iniText,
    );
    fc.assert(
      fc.property(anyText, (text) => {
        expect(IniDocument.parse(text).toString()).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('set makes get return the value, touches at most the lines it must, and is idempotent', () => {
    fc.assert(
      fc.property(iniText, sectionName, keyName, value, (text, section, key, v) => {
        const doc = IniDocument.parse(text);
        const existed = doc.getAll(section, key).length > 0;
        const sectionExisted = doc.sections().some((s) => s.toLowerCase() === section.toLowerCase());
        doc.set(section, key, v);
        const out = doc.toString();

        expect(doc.get(section, key)).toBe(v);
        expect(IniDocument.parse(out).get(section, key)).toBe(v);
        expect(out.startsWith(BOM)).toBe(text.startsWith(BOM));
        doc.set(section, key, v);
        expect(doc.toString()).toBe(out);

        const before = lines(text);
        const after = lines(out);
        if (existed) {
          expect(after.length).toBe(before.length);
          expect(after.filter((l, i) => JSON.stringify(l) !== JSON.stringify(before[i])).length).toBeLessThanOrEqual(1);
        } else {
          const added = sectionExisted ? [1] : [2, 3];
          expect(added.some((n) => isInsertion(before, after, n))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('setAll makes getAll return the values and leaves every other line alone', () => {
    const strip = (text: string, section: string, key: string) => {
      const doc = IniDocument.parse(text);
      doc.remove(section, key);
      return texts(lines(doc.toString()));
    };
    fc.assert(
      fc.property(iniText, sectionName, keyName, fc.array(value, { maxLength: 5 }), (text, section, key, vs) => {
        const doc = IniDocument.parse(text);
        const sectionExisted = doc.sections().some((s) => s.toLowerCase() === section.toLowerCase());
        doc.setAll(section, key, vs);
        const out = doc.toString();

        expect(doc.getAll(section, key)).toEqual(vs);
        expect(IniDocument.parse(out).getAll(section, key)).toEqual(vs);
        doc.setAll(section, key, vs);
        expect(doc.toString()).toBe(out);

        const others = strip(text, section, key);
        const othersAfter = strip(out, section, key);
        if (sectionExisted || vs.length === 0) {
          expect(othersAfter).toEqual(others);
        } else {
          expect(othersAfter.slice(0, others.length)).toEqual(others);
          expect(othersAfter.slice(others.length).filter((t) => t !== '')).toEqual([`[${section}]`]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
