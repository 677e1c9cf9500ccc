import { describe, expect, it } from 'vitest';
import { saveAllWorlds, type WorldSaver } from './save-all-worlds.ts';

const saver = (outcomes: Record<string, () => Promise<boolean>>): WorldSaver & { asked: number[] } => {
  const asked: number[] = [];
  return {
    asked,
    liveInstanceIds: () => Object.keys(outcomes),
    saveWorld: (id, timeoutMs) => {
      asked.push(timeoutMs);
      return outcomes[id]!();
    },
  };
};

describe('saveAllWorlds', () => {
  it('saves every live server at once and lists those that could not be saved', async () => {
    const s = saver({
      a: () => Promise.resolve(true),
      b: () => Promise.resolve(false),
      c: () => Promise.reject(new Error('The server is starting; RCON works only while it is running')),
    });
    expect(await saveAllWorlds(s, 1000)).toEqual({
      saved: 1,
      failed: [
        { instanceId: 'b', message: 'No "World Save Complete" within 1000 ms' },
        { instanceId: 'c', message: 'The server is starting; RCON works only while it is running' },
      ],
    });
    expect(s.asked).toEqual([1000, 1000, 1000]);
  });

  it('does not wait past the deadline for a server that never answers', async () => {
    const s = saver({ fast: () => Promise.resolve(true), hung: () => new Promise<boolean>(() => undefined) });
    expect(await saveAllWorlds(s, 50)).toEqual({
      saved: 1,
      failed: [{ instanceId: 'hung', message: 'No "World Save Complete" within 50 ms' }],
    });
  });

  it('has nothing to do without servers', async () => {
    expect(await saveAllWorlds(saver({}))).toEqual({ saved: 0, failed: [] });
  });
});
