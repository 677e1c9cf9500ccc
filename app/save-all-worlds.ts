/** What saveAllWorlds needs of the supervisor. */
export interface WorldSaver {
  liveInstanceIds(): string[];
  /** SaveWorld and wait for "World Save Complete"; false when not seen in time. Throws when not RUNNING. */
  saveWorld(instanceId: string, timeoutMs: number): Promise<boolean>;
}

export interface SaveAllResult {
  saved: number;
  failed: { instanceId: string; message: string }[];
}

export const DEFAULT_SAVE_DEADLINE_MS = 5000;

/**
 * SaveWorld on every live server at once, all bounded by one deadline: at a log-off or a system
 * shutdown the OS gives a few seconds in total, so one slow server must not eat the others' time.
 */
export async function saveAllWorlds(saver: WorldSaver, deadlineMs = DEFAULT_SAVE_DEADLINE_MS): Promise<SaveAllResult> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`No "World Save Complete" within ${deadlineMs} ms`), deadlineMs);
  });
  const saveOne = async (instanceId: string): Promise<string | null> => {
    try {
      const saving = saver
        .saveWorld(instanceId, deadlineMs)
        .then((ok) => (ok ? null : `No "World Save Complete" within ${deadlineMs} ms`));
      return await Promise.race([saving, deadline]);
    } catch (err) {
      return (err as Error).message;
    }
  };
  const ids = saver.liveInstanceIds();
  const outcomes = await Promise.all(
    ids.map(async (instanceId) => ({ instanceId, message: await saveOne(instanceId) })),
  );
  clearTimeout(timer);
  const failed = outcomes.flatMap((o) =>
    o.message === null ? [] : [{ instanceId: o.instanceId, message: o.message }],
  );
  return { saved: ids.length - failed.length, failed };
}
