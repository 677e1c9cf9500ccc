// Valve KeyValues text, as in appmanifest_*.acf and app_info_print: quoted keys and values separated
// by two tabs, nested blocks in braces on their own lines, tab indentation (docs/ark-facts.md#appmanifest).
export interface VdfNode {
  [key: string]: string | VdfNode;
}

export function formatVdf(key: string, node: VdfNode, depth = 0): string {
  const pad = '\t'.repeat(depth);
  let out = `${pad}"${key}"\n${pad}{\n`;
  for (const [k, v] of Object.entries(node)) {
    out += typeof v === 'string' ? `${pad}\t"${k}"\t\t"${v}"\n` : formatVdf(k, v, depth + 1);
  }
  return `${out}${pad}}\n`;
}

/** First value of `"key" "value"` anywhere in a KeyValues text (enough for the flat fields we read back). */
export function findVdfValue(text: string, key: string): string | null {
  const re = new RegExp(`^\\s*"${key}"\\s+"([^"]*)"`, 'mi');
  return re.exec(text)?.[1] ?? null;
}
