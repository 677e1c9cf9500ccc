/**
 * A textarea's value always uses "\n": browsers turn "\r\n" and lone "\r" into "\n" on the way
 * in. ARK writes its INI files with CRLF, so the editor keeps what it needs to write the file back
 * exactly as it was: the line ending and whether the file ended with one.
 */
export interface TextShape {
  eol: '\r\n' | '\n';
  /** Whether the file ended with a line break; an edit keeps it that way. */
  finalNewline: boolean;
  /** True when the file mixed CRLF and LF: saving writes one kind, which the UI points out. */
  mixed: boolean;
}

export interface EditorText {
  text: string;
  shape: TextShape;
}

const EMPTY_SHAPE: TextShape = { eol: '\r\n', finalNewline: true, mixed: false };

/** Splits a file as read from disk into what the textarea shows and the shape to write it back with. */
export function toEditor(raw: string): EditorText {
  // A new file ('') gets ARK's own style: CRLF, ending in a line break.
  if (raw === '') return { text: '', shape: EMPTY_SHAPE };
  const crlf = raw.match(/\r\n/g)?.length ?? 0;
  const lf = (raw.match(/\n/g)?.length ?? 0) - crlf;
  const shape: TextShape = {
    eol: crlf >= lf && crlf > 0 ? '\r\n' : '\n',
    finalNewline: /\r?\n$/.test(raw),
    mixed: crlf > 0 && lf > 0,
  };
  return { text: raw.replace(/\r\n?/g, '\n'), shape };
}

/** The text to save: the editor's lines joined with the file's own line ending, final break as before. */
export function fromEditor(text: string, shape: TextShape): string {
  let body = text.replace(/\r\n?/g, '\n');
  if (body !== '') {
    const ends = body.endsWith('\n');
    if (shape.finalNewline && !ends) body += '\n';
    if (!shape.finalNewline && ends) body = body.slice(0, -1);
  }
  return shape.eol === '\n' ? body : body.replace(/\n/g, '\r\n');
}

/** The 1-based line and column of a caret offset, for the status bar. */
export function caretPosition(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line += 1;
  return { line, column: offset - lineStart + 1 };
}
