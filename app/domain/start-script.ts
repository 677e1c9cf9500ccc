/**
 * Reading the start arguments out of a Windows batch file (`start.bat`, `RunServer.cmd`) that runs
 * ArkAscendedServer.exe or AsaApiLoader.exe, as people and server hosts write them:
 *
 *   @echo off
 *   set MAP=TheIsland_WP
 *   start "" /affinity F /high "C:\ASA\ShooterGame\Binaries\Win64\ArkAscendedServer.exe" %MAP%?listen?SessionName="My Server" -NoBattlEye
 *
 * Only what cmd.exe would do on that one line is done here: `^` line continuations joined,
 * `set NAME=value` variables substituted, `start`'s title and switches skipped, and the arguments
 * split by the rules of the Microsoft C runtime (quotes group and are removed; `""` inside quotes
 * is a quote). Loops, labels, `if` and `goto` are not followed: the first line that runs the server wins.
 */

export interface StartScriptCommand {
  /** The executable as written (`…\ArkAscendedServer.exe` or `…\AsaApiLoader.exe`). */
  exe: string;
  /** The arguments after it, unquoted. */
  args: string[];
  /** The joined line as it stood in the file, for showing. */
  line: string;
  warnings: string[];
}

const SERVER_EXE = /(^|[\\/"\s])(ArkAscendedServer|AsaApiLoader)\.exe"?(\s|$)/i;

/** `start`'s switches that take a value, and those that do not. */
const START_VALUE_SWITCHES = new Set(['/affinity', '/node', '/d']);
const START_SWITCH = /^\/(min|max|b|i|wait|low|normal|high|realtime|abovenormal|belownormal|separate|shared|machine)$/i;

/** Splits a Windows command line into arguments (Microsoft C runtime rules, without backslash escapes before quotes). */
export function splitWindowsArgs(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
      started = true;
    } else if (!quoted && (c === ' ' || c === '\t')) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

/** Physical lines joined where a line ends in cmd's `^` continuation. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (raw.endsWith('^')) {
      pending += raw.slice(0, -1);
      continue;
    }
    out.push(pending + raw);
    pending = '';
  }
  if (pending) out.push(pending);
  return out;
}

const isComment = (line: string) => /^@?\s*(rem(\s|$)|::)/i.test(line);

/** `set NAME=value` and `set "NAME=value"`; `set /a` and `set /p` are not values we can know. */
function readSet(line: string, vars: Map<string, string>): boolean {
  const m = /^@?\s*set\s+(?!\/)("?)([^=\s"]+)=(.*?)\1\s*$/i.exec(line);
  if (!m) return false;
  vars.set(m[2]!.toLowerCase(), m[3]!);
  return true;
}

function substitute(line: string, vars: Map<string, string>, warnings: string[]): string {
  return line.replace(/%([A-Za-z_][A-Za-z0-9_]*)%/g, (all, name: string) => {
    const value = vars.get(name.toLowerCase());
    if (value !== undefined) return value;
    warnings.push(`The variable ${all} is not set in the script; it was left as written`);
    return all;
  });
}

/** Drops `@`, `call`, `cmd /c` and `start "title" /switches…` in front of the executable. */
function skipLaunchers(args: string[]): string[] {
  let rest = [...args];
  if (rest[0] === '@') rest = rest.slice(1);
  else if (rest[0]?.startsWith('@')) rest[0] = rest[0].slice(1);
  for (;;) {
    const head = rest[0]?.toLowerCase();
    if (head === 'call') rest = rest.slice(1);
    else if (head === 'cmd' || head === 'cmd.exe') rest = rest.slice(rest[1]?.toLowerCase() === '/c' ? 2 : 1);
    else if (head === 'start') rest = skipStart(rest.slice(1));
    else return rest;
  }
}

function skipStart(args: string[]): string[] {
  let i = 0;
  while (i < args.length && !isServerExe(args[i]!)) {
    const a = args[i]!.toLowerCase();
    if (START_VALUE_SWITCHES.has(a)) i += 2;
    else if (START_SWITCH.test(a) || a.startsWith('/d')) i += 1;
    else i += 1; // the window title, quoted or not
  }
  return args.slice(i);
}

const isServerExe = (arg: string) => /(^|[\\/])(ArkAscendedServer|AsaApiLoader)\.exe$/i.test(arg);

/**
 * The first command in `text` that runs the server, with its arguments; null when no line does.
 * The raw `start` title is recognised only because the executable is looked for by name.
 */
export function parseStartScript(text: string): StartScriptCommand | null {
  const vars = new Map<string, string>();
  for (const raw of logicalLines(text)) {
    const line = raw.trim();
    if (line === '' || isComment(line) || readSet(line, vars)) continue;
    if (!SERVER_EXE.test(line)) continue;
    const warnings: string[] = [];
    const args = skipLaunchers(splitWindowsArgs(substitute(line, vars, warnings)));
    const at = args.findIndex(isServerExe);
    if (at === -1) continue;
    return { exe: args[at]!, args: args.slice(at + 1), line, warnings };
  }
  return null;
}
