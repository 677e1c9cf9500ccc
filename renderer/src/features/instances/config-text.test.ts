import { describe, expect, it } from 'vitest';
import { caretPosition, fromEditor, toEditor } from './config-text.ts';

/** What a browser textarea does to a value it is given: every line break becomes "\n". */
const throughTextarea = (text: string) => text.replace(/\r\n?/g, '\n');

describe('config text round trip', () => {
  it('keeps a CRLF file byte for byte when nothing is edited', () => {
    const raw = '[ServerSettings]\r\nRCONEnabled=True\r\n\r\n[SessionSettings]\r\nSessionName=My  Server \r\n';
    const { text, shape } = toEditor(raw);
    expect(text).not.toContain('\r');
    expect(fromEditor(throughTextarea(text), shape)).toBe(raw);
  });

  it('writes an edited CRLF file back with CRLF on every line, new lines included', () => {
    const { text, shape } = toEditor('[ServerSettings]\r\nRCONEnabled=True\r\n');
    const edited = `${text}DifficultyOffset=1.0\n`;
    expect(fromEditor(edited, shape)).toBe('[ServerSettings]\r\nRCONEnabled=True\r\nDifficultyOffset=1.0\r\n');
  });

  it('keeps an LF file LF', () => {
    const raw = '[/script/shootergame.shootergamemode]\nbDisableStructurePlacementCollision=True\n';
    const { text, shape } = toEditor(raw);
    expect(shape.eol).toBe('\n');
    expect(fromEditor(text, shape)).toBe(raw);
  });

  it('keeps a missing final line break missing, and a present one present', () => {
    const noFinal = toEditor('A=1\r\nB=2');
    expect(noFinal.shape.finalNewline).toBe(false);
    expect(fromEditor(`${noFinal.text}\n`, noFinal.shape)).toBe('A=1\r\nB=2');
    const final = toEditor('A=1\r\nB=2\r\n');
    expect(fromEditor('A=1\nB=3', final.shape)).toBe('A=1\r\nB=3\r\n');
  });

  it('keeps trailing spaces, tabs, blank lines and repeated keys untouched', () => {
    const raw = '[S]\r\n  Key = value  \r\n\tOverride=1\r\nOverride=2\r\n\r\n\r\n; comment\r\n';
    const { text, shape } = toEditor(raw);
    expect(fromEditor(text, shape)).toBe(raw);
  });

  it('gives a new (empty) file the CRLF style ARK writes', () => {
    const { text, shape } = toEditor('');
    expect(text).toBe('');
    expect(fromEditor('[ServerSettings]\nA=1', shape)).toBe('[ServerSettings]\r\nA=1\r\n');
    expect(fromEditor('', shape)).toBe('');
  });

  it('flags a file that mixes CRLF and LF and writes the majority style', () => {
    const { text, shape } = toEditor('A=1\r\nB=2\r\nC=3\n');
    expect(shape).toEqual({ eol: '\r\n', finalNewline: true, mixed: true });
    expect(fromEditor(text, shape)).toBe('A=1\r\nB=2\r\nC=3\r\n');
  });
});

describe('caretPosition', () => {
  it('counts lines and columns from 1', () => {
    expect(caretPosition('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(caretPosition('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(caretPosition('ab\n', 3)).toEqual({ line: 2, column: 1 });
  });
});
