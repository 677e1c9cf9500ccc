const HISTORY_MAX = 50;
const NO_RESPONSE = 'Server received, But no response!!';

/** What ARK answers to a command that printed nothing (docs/ark-facts.md#rcon-commands); it means "done". */
export function formatRconResponse(raw: string): string {
  const text = raw.replace(/\s+$/, '');
  return text === '' || text === NO_RESPONSE ? 'OK (no output)' : text;
}

const historyKey = (instanceId: string) => `ark-asa.rcon-history.${instanceId}`;

/** Commands sent to this instance in this browser tab, oldest first (sessionStorage: gone with the tab). */
export function loadHistory(instanceId: string, storage: Storage = sessionStorage): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(historyKey(instanceId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

/** Appends a command like a shell does: a repeat of the last one is not stored twice. */
export function pushHistory(history: readonly string[], command: string): string[] {
  if (history.at(-1) === command) return [...history];
  return [...history, command].slice(-HISTORY_MAX);
}

export function saveHistory(instanceId: string, history: readonly string[], storage: Storage = sessionStorage): void {
  try {
    storage.setItem(historyKey(instanceId), JSON.stringify(history));
  } catch {
    // Storage full or disabled (private mode): history just is not kept across reloads.
  }
}

export interface HistoryCursor {
  /** history.length means "the line being typed", not a history entry. */
  index: number;
  /** What was typed before walking into the history, given back when walking out of it. */
  draft: string;
}

/**
 * One ArrowUp (-1) or ArrowDown (+1) step through the history, shell style. Returns the new
 * cursor and the text to show, or null when there is nowhere to go.
 */
export function stepHistory(
  history: readonly string[],
  cursor: HistoryCursor,
  current: string,
  dir: -1 | 1,
): { cursor: HistoryCursor; text: string } | null {
  const index = cursor.index + dir;
  if (index < 0 || index > history.length) return null;
  const draft = cursor.index === history.length ? current : cursor.draft;
  const text = index === history.length ? draft : history[index]!;
  return { cursor: { index, draft }, text };
}

/** Commands that wreck or end something; the console asks before sending them. */
const DESTRUCTIVE: Record<string, string> = {
  doexit:
    'DoExit shuts the server down behind the manager’s back, without warning players. Stop (at the top) warns them and saves first.',
  destroywilddinos: 'DestroyWildDinos kills every wild creature on the map; they respawn over time.',
  destroyall: 'DestroyAll removes every actor of the given class on the map.',
  destroystructures: 'DestroyStructures removes every structure on the map.',
  killplayer: 'KillPlayer kills a player’s character.',
  kickplayer: 'KickPlayer disconnects a player.',
  banplayer: 'BanPlayer bans a player from this server.',
};

/** Why the command needs a confirmation, or null when it is harmless. */
export function destructiveReason(command: string): string | null {
  const name = command.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return DESTRUCTIVE[name] ?? null;
}
