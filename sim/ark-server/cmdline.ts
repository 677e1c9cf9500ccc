// The ASA command line (docs/ark-facts.md#command-line): `<Map>?opt=val?... -flag[=value] ...`.
export interface ParsedCommandLine {
  map: string;
  /** `?Key=Value` options, keys lower-cased, surrounding quotes removed (`SessionName="My Server"`). */
  url: Map<string, string>;
  /** `-Flag[=Value]` options, keys lower-cased; a bare flag maps to ''. */
  flags: Map<string, string>;
  /** The arguments as received, for the `Commandline:` echo. */
  args: readonly string[];
}

export const DEFAULT_MAP = 'TheIsland_WP';

function stripQuotes(value: string): string {
  return value.replace(/^"+|"+$/g, '');
}

/**
 * Splits the URL on `?`, except inside a quoted value (`SessionName="What? Yes"`). Only a quote right
 * after `=` opens a value; quotes around whole options (`?"SessionName=x?"RCONEnabled=True`, seen in a
 * manager's .bat, docs/ark-facts.md#command-line) are noise and stripped later.
 */
function splitUrl(url: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inValue = false;
  for (const ch of url) {
    if (ch === '"' && (inValue || current.endsWith('='))) inValue = !inValue;
    if (ch === '?' && !inValue) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function splitKeyValue(option: string): [string, string] {
  const eq = option.indexOf('=');
  return eq < 0 ? [option, ''] : [option.slice(0, eq), option.slice(eq + 1)];
}

export function parseCommandLine(args: readonly string[]): ParsedCommandLine {
  const url = new Map<string, string>();
  const flags = new Map<string, string>();
  let map = DEFAULT_MAP;
  const first = args[0];
  const rest = first !== undefined && !first.startsWith('-') ? args.slice(1) : args;
  if (first !== undefined && !first.startsWith('-')) {
    const [mapPart = '', ...options] = splitUrl(first);
    if (mapPart !== '') map = stripQuotes(mapPart);
    for (const option of options) {
      // Some managers quote around the `?` (`?"SessionName=x?"RCONEnabled=True`); quotes are noise here.
      const [key, value] = splitKeyValue(stripQuotes(option));
      if (key !== '') url.set(key.toLowerCase(), stripQuotes(value));
    }
  }
  for (const arg of rest) {
    if (!arg.startsWith('-')) continue;
    const [key, value] = splitKeyValue(arg.replace(/^-+/, ''));
    if (key !== '') flags.set(key.toLowerCase(), stripQuotes(value));
  }
  return { map, url, flags, args };
}

/** UE's bool parsing: True/true/1/yes. */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['true', '1', 'yes', 'on'].includes(value.trim().toLowerCase());
}

export function listValue(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * How the server echoes its command line: `Commandline:  <args>` (two spaces). On Windows the raw
 * command line is echoed; arguments with blanks and no quotes of their own are shown quoted.
 */
export function echoCommandLine(args: readonly string[]): string {
  return args.map((a) => (/\s/.test(a) && !a.includes('"') ? `"${a}"` : a)).join(' ');
}
