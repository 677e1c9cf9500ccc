import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { PlayerListName } from '@ark-asa/contracts';
import { encodeText, readTextFile, writeFileAtomic } from './text-file.ts';

const WIN64 = ['ShooterGame', 'Binaries', 'Win64'];

/**
 * Where the server looks for each list, relative to its install root (docs/ark-facts.md#player-lists-and-admin-flags):
 * the admin list beside the configs' Saved folder, the two join lists beside the executable.
 */
export const PLAYER_LIST_FILES: Record<PlayerListName, readonly string[]> = {
  admins: ['ShooterGame', 'Saved', 'AllowedCheaterAccountIDs.txt'],
  'exclusive-join': [...WIN64, 'PlayersExclusiveJoinList.txt'],
  'join-no-check': [...WIN64, 'PlayersJoinNoCheckList.txt'],
};

/** The list's file relative to an instance directory, with forward slashes (for messages and the API). */
export function playerListRelPath(list: PlayerListName): string {
  return PLAYER_LIST_FILES[list].join('/');
}

/** One id per line; blank lines, surrounding spaces and a UTF-8 BOM are not ids. */
export function parseIdList(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** CRLF and a final newline, as the Windows server writes its own lists; an empty list is an empty file. */
export function formatIdList(ids: readonly string[]): string {
  return ids.length === 0 ? '' : `${ids.join('\r\n')}\r\n`;
}

export async function readPlayerListFile(instanceDir: string, list: PlayerListName): Promise<string[]> {
  const file = await readTextFile(path.join(instanceDir, ...PLAYER_LIST_FILES[list]));
  return file === null ? [] : parseIdList(file.text);
}

/**
 * Replaces the list atomically (temp file, flush, rename). The rename also matters because the
 * Win64 folder is hard-linked from the shared build: writing in place would change the file of
 * every instance on that build; a rename gives this instance a file of its own, which relinking
 * to another build then keeps (it only replaces files that are the build's).
 */
export async function writePlayerListFile(
  instanceDir: string,
  list: PlayerListName,
  ids: readonly string[],
): Promise<string[]> {
  const file = path.join(instanceDir, ...PLAYER_LIST_FILES[list]);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const encoding = (await readTextFile(file))?.encoding ?? 'utf8';
  await writeFileAtomic(file, encodeText(formatIdList(ids), encoding));
  return readPlayerListFile(instanceDir, list);
}
