// Turns steamcmd's command line (`+cmd arg ...`) and runscript files into a list of commands.
export interface SteamCommand {
  /** Lower-cased command name, e.g. `force_install_dir`, or a setting such as `@shutdownonfailedcommand`. */
  name: string;
  /** Name as written (settings are echoed with their original spelling). */
  rawName: string;
  args: string[];
}

/** Splits a script line on blanks, honouring double quotes (`force_install_dir "C:\a b"`). */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let inQuotes = false;
  let hasToken = false;
  for (const ch of line) {
    if (ch === '"') {
      inQuotes = !inQuotes;
      hasToken = true;
    } else if (!inQuotes && /\s/.test(ch)) {
      if (hasToken) tokens.push(current);
      current = '';
      hasToken = false;
    } else {
      current += ch;
      hasToken = true;
    }
  }
  if (hasToken) tokens.push(current);
  return tokens;
}

function makeCommand(rawName: string, args: string[]): SteamCommand {
  return { name: rawName.toLowerCase(), rawName, args };
}

/** Strips one pair of surrounding double quotes, as the Windows C runtime does for argv. */
function unquote(arg: string): string {
  return arg.length >= 2 && arg.startsWith('"') && arg.endsWith('"') ? arg.slice(1, -1) : arg;
}

/**
 * Parses argv: each `+name` starts a command whose arguments are the following non-`+` elements.
 * A `+name arg` element that holds blanks (one argv element for the whole command) is tokenised.
 */
export function parseArgv(argv: readonly string[]): SteamCommand[] {
  const commands: SteamCommand[] = [];
  let current: SteamCommand | null = null;
  for (const arg of argv) {
    if (arg.startsWith('+')) {
      const [name = '', ...rest] = tokenize(arg.slice(1));
      current = makeCommand(name, rest);
      commands.push(current);
    } else if (current) {
      current.args.push(unquote(arg));
    }
  }
  return commands.filter((c) => c.name !== '');
}

/** Parses a runscript: one command per line, no `+`, blank lines and `//` comments skipped. */
export function parseScript(text: string): SteamCommand[] {
  const commands: SteamCommand[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^\+/, '');
    if (line === '' || line.startsWith('//')) continue;
    const [name = '', ...args] = tokenize(line);
    if (name !== '') commands.push(makeCommand(name, args));
  }
  return commands;
}
