// Writes the bash launchers that stand in for steamcmd / ArkAscendedServer.exe.
// `exec -a "$0"` keeps the pid and makes /proc/<pid>/cmdline[0] the launcher path, which is how the
// manager recognises its own server process (asa-facts §5.1 "By exe path").
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Repository root, derived from this file's location (never hard-coded). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** tsx's ESM loader, passed to node with --import so the simulators run straight from TypeScript. */
export const TSX_LOADER = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

/** Single-quotes a string for bash (paths may contain spaces or quotes). */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Writes an executable bash launcher for a TypeScript entry.
 * @param preamble raw bash lines run before exec (e.g. `export X=...`); callers quote values.
 */
export async function writeLauncher(file: string, entry: string, preamble: readonly string[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const lines = [
    '#!/usr/bin/env bash',
    ...preamble,
    `exec -a "$0" ${shellQuote(process.execPath)} --import ${shellQuote(TSX_LOADER)} ${shellQuote(entry)} "$@"`,
    '',
  ];
  await writeFile(file, lines.join('\n'), { mode: 0o755 });
  // writeFile's mode is filtered by the umask and ignored for existing files.
  await chmod(file, 0o755);
}
