import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { ChatPoller, type ChatPollerOptions } from './chat-poller.ts';

const pollers: ChatPoller[] = [];
afterEach(() => {
  for (const p of pollers.splice(0)) p.stop();
});

function poller(replies: (string | Error)[], opts: Partial<ChatPollerOptions> = {}) {
  const lines: string[] = [];
  let calls = 0;
  const p = new ChatPoller({
    intervalMs: 5,
    active: () => true,
    finished: () => false,
    getChat: () => {
      calls += 1;
      const next = replies.shift() ?? 'Server received, But no response!! \n';
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
    onLine: (line) => lines.push(line),
    logger: createLogger({ silent: true }),
    ...opts,
  });
  pollers.push(p);
  return { p, lines, calls: () => calls };
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 2));
}

describe('ChatPoller', () => {
  it('passes on each chat line once, in order, and survives a failed GetChat', async () => {
    const t = poller(['Alice (Ally): hi \n', new Error('RCON down'), 'Bob (B): yo\nSERVER: welcome \n']);
    t.p.start();
    await until(() => t.lines.length === 3);
    expect(t.lines).toEqual(['Alice (Ally): hi', 'Bob (B): yo', 'SERVER: welcome']);
  });

  it('does not ask while the server is not RUNNING', async () => {
    let active = false;
    const t = poller(['Alice (A): early \n'], { active: () => active });
    await t.p.pollNow();
    expect(t.calls()).toBe(0);
    active = true;
    await t.p.pollNow();
    expect(t.lines).toEqual(['Alice (A): early']);
  });

  it('stops asking once the run is over', async () => {
    let over = false;
    const t = poller([], { finished: () => over });
    t.p.start();
    await until(() => t.calls() >= 2);
    over = true;
    const seen = t.calls();
    await t.p.pollNow();
    expect(t.calls()).toBe(seen);
  });

  it('never runs two GetChat at once: a poll asked for during one joins it', async () => {
    let release: (reply: string) => void = () => undefined;
    const t = poller([], { getChat: () => new Promise<string>((r) => (release = r)) });
    const first = t.p.pollNow();
    const second = t.p.pollNow();
    expect(second).toBe(first);
    release('SERVER: once \n');
    await first;
    expect(t.lines).toEqual(['SERVER: once']);
  });
});
