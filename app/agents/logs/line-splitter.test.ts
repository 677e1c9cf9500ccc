import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, type LineReceiver } from './line-splitter.ts';

function splitter(maxLineChars?: number) {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l), maxLineChars);
  return { s, lines };
}

/** Cuts `bytes` at the given offsets (sorted, deduplicated, inside the buffer). */
function chunks(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  return out;
}

describe('LineSplitter', () => {
  it('strips the BOM and CR, holds a partial line until its newline', () => {
    const { s, lines } = splitter();
    s.push(Buffer.from('\uFEFFfirst\r\nsec'));
    expect(lines).toEqual(['first']);
    s.push(Buffer.from('ond\r'));
    expect(lines).toEqual(['first']);
    s.push(Buffer.from('\nthird\n'));
    expect(lines).toEqual(['first', 'second', 'third']);
  });

  it('strips a BOM that arrives one byte at a time, and only at the start of the file', () => {
    const { s, lines } = splitter();
    for (const b of Buffer.from('\uFEFFa\n\uFEFFb\n')) s.push(Buffer.from([b]));
    expect(lines).toEqual(['a', '\uFEFFb']);
  });

  it('keeps a BOM-like character when reading does not start at the beginning of the file', () => {
    const { s, lines } = splitter();
    s.reset(false);
    s.push(Buffer.from('\uFEFFx\n'));
    expect(lines).toEqual(['\uFEFFx']);
  });

  it('decodes a multi-byte character split between two reads', () => {
    const { s, lines } = splitter();
    const bytes = Buffer.from('Spieler Jörg 🦖 €\n');
    const euro = bytes.indexOf(Buffer.from('€'));
    s.push(bytes.subarray(0, euro + 1));
    s.push(bytes.subarray(euro + 1, euro + 2));
    s.push(bytes.subarray(euro + 2));
    expect(lines).toEqual(['Spieler Jörg 🦖 €']);
  });

  it('keeps no reference to a pushed buffer: the tailer reuses it for the next read', () => {
    const { s, lines } = splitter();
    const bytes = Buffer.from('Jörg 🦖\r\nnext €\r\n');
    const buf = Buffer.alloc(bytes.length);
    const dino = bytes.indexOf(Buffer.from('🦖'));
    const cuts = [0, dino + 2, bytes.indexOf(Buffer.from('€')) + 1, bytes.length];
    for (let i = 1; i < cuts.length; i++) {
      const n = bytes.copy(buf, 0, cuts[i - 1], cuts[i]);
      s.push(buf.subarray(0, n));
      buf.fill(0x78);
    }
    expect(lines).toEqual(['Jörg 🦖', 'next €']);
  });

  it('end() emits the unterminated last line', () => {
    const { s, lines } = splitter();
    s.push(Buffer.from('a\nlast'));
    s.end();
    expect(lines).toEqual(['a', 'last']);
    s.end();
    expect(lines).toEqual(['a', 'last']);
  });

  it('cuts an overlong line, counting what it dropped, and goes on with the next line', () => {
    const { s, lines } = splitter(10);
    s.push(Buffer.from('0123456789abc'));
    s.push(Buffer.from('defghij\nnext\n'));
    expect(lines).toEqual(['0123456789 … [line cut: 10 more characters]', 'next']);
  });

  it('never cuts a surrogate pair in half', () => {
    const { s, lines } = splitter(4);
    s.push(Buffer.from('abc🦖def\n'));
    expect(lines[0]).toMatch(/^abc … \[line cut: 5 more characters\]$/);
  });

  it('yields the same lines however the bytes are chunked (property)', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 40 }).map((t) => t.replace(/[\r\n\uFEFF]/g, ''));
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.boolean(),
        (ls, cuts, crlf) => {
          const bytes = Buffer.from('\uFEFF' + ls.map((l) => l + (crlf ? '\r\n' : '\n')).join(''));
          const { s, lines } = splitter();
          for (const c of chunks(bytes, cuts)) s.push(c);
          expect(lines).toEqual(ls);
        },
      ),
    );
  });

  it('hands a LineReceiver the same lines, in ranges where it can, and a flush after each push (property)', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 30 }).map((t) => t.replace(/[\n\uFEFF]/g, ''));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), (ls, cuts) => {
        const bytes = Buffer.from(`\uFEFF${ls.map((l) => `${l}\r\n`).join('')}tail`);
        const { s, lines } = splitter(12);
        const got: string[] = [];
        let flushes = 0;
        const receiver: LineReceiver = {
          range: (text, start, end) => got.push(text.slice(start, end)),
          line: (l) => got.push(l),
          flush: () => (flushes += 1),
        };
        const r = new LineSplitter(receiver, 12);
        const pieces = chunks(bytes, cuts);
        for (const c of pieces) {
          s.push(c);
          r.push(c);
        }
        s.end();
        r.end();
        expect(got).toEqual(lines);
        expect(flushes).toBe(pieces.length + 1);
      }),
    );
  });
});
