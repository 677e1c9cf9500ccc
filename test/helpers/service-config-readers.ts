/**
 * Readers of the service configurations app/service-unit.ts writes, strict enough that a test
 * passing on them means systemd and WinSW read back what was meant.
 */
import { expect } from 'vitest';

/** The [Section] key=value pairs of a unit file (comments and blank lines dropped). */
export function parseUnit(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current = '';
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) sections[(current = header[1]!)] = {};
    else {
      const eq = line.indexOf('=');
      expect(eq, `not key=value: ${line}`).toBeGreaterThan(0);
      sections[current]![line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return sections;
}

/** ExecStart= words back, the way systemd splits them (quotes, backslash escapes, %% and $$). */
export function splitExec(line: string): string[] {
  const words = line.match(/"(?:\\.|[^"\\])*"|\S+/g) ?? [];
  return words.map((w) =>
    (w.startsWith('"') ? w.slice(1, -1).replace(/\\(.)/g, '$1') : w).replaceAll('%%', '%').replaceAll('$$', '$'),
  );
}

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
}

/**
 * A strict little reader of the XML this project writes: one comment, elements, attributes and
 * entity-escaped text. Throws on what a real parser would reject (unbalanced tags, "--" inside a
 * comment, a bare & or <), so the file WinSW reads is known to be well-formed.
 */
export function readXml(text: string): XmlElement[] {
  const unescape = (s: string) => {
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(s) || s.includes('<')) throw new Error(`bad text: ${s}`);
    return s
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&');
  };
  const elements: XmlElement[] = [];
  const open: XmlElement[] = [];
  const re = /<!--([\s\S]*?)-->|<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [, comment, closing, name, attrs, selfClosing, chars] = m;
    if (comment !== undefined) {
      if (comment.includes('--')) throw new Error('"--" inside a comment');
    } else if (chars !== undefined) {
      if (open.length) open.at(-1)!.text += unescape(chars);
      else if (chars.trim()) throw new Error(`text outside the root: ${chars}`);
    } else if (closing) {
      if (open.pop()?.name !== name) throw new Error(`unbalanced </${name}>`);
    } else {
      const el: XmlElement = { name: name!, attrs: {}, text: '' };
      for (const a of attrs!.matchAll(/([\w:-]+)="([^"]*)"/g)) el.attrs[a[1]!] = unescape(a[2]!);
      elements.push(el);
      if (!selfClosing) open.push(el);
    }
    if (re.lastIndex === text.length) break;
  }
  if (re.lastIndex !== text.length || open.length) throw new Error(`not well-formed at ${re.lastIndex}`);
  return elements;
}
