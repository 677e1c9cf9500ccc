import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/helpers/fake-clock.ts';
import type { ServerRun } from './server-run.ts';
import { countdown } from './stop-sequence.ts';

/** A server run that only records RCON commands: all the countdown touches. */
function fakeRun(sent: string[]): ServerRun {
  return {
    alive: true,
    rcon: () => ({ send: (command: string) => (sent.push(command), Promise.resolve('')) }),
  } as unknown as ServerRun;
}

const steps = (said: string[]) => ({ say: (m: string) => said.push(m), progress: () => undefined });

describe('countdown', () => {
  it('warns exactly at the chosen minutes, in order, waiting on the clock in between', async () => {
    const clock = new FakeClock('2030-06-01T05:00:00Z');
    const sent: string[] = [];
    const done = countdown(
      fakeRun(sent),
      { countdownMinutes: 15, warningMinutes: [15, 5, 1], message: 'daily restart', action: 'restart' },
      clock,
      steps([]),
      new AbortController().signal,
    );
    await clock.advance(0);
    expect(sent).toEqual(['Broadcast Server restarting in 15 minutes: daily restart']);
    expect(clock.pending().map((p) => p.ms)).toEqual([10 * 60_000]);
    await clock.advance(10 * 60_000);
    expect(sent.at(-1)).toBe('Broadcast Server restarting in 5 minutes: daily restart');
    await clock.advance(4 * 60_000);
    expect(sent.at(-1)).toBe('Broadcast Server restarting in 1 minute: daily restart');
    await clock.advance(60_000);
    await done;
    expect(sent).toHaveLength(3);
    expect(clock.now().toISOString()).toBe('2030-06-01T05:15:00.000Z');
  });

  it('announces a cancellation in game and rethrows it', async () => {
    const clock = new FakeClock('2030-06-01T05:00:00Z');
    const sent: string[] = [];
    const said: string[] = [];
    const job = new AbortController();
    const done = countdown(
      fakeRun(sent),
      { countdownMinutes: 10, warningMinutes: [10, 5], action: 'restart' },
      clock,
      steps(said),
      job.signal,
    );
    await clock.advance(6 * 60_000);
    job.abort(new Error('cancelled'));
    await expect(done).rejects.toThrow('cancelled');
    expect(sent).toEqual([
      'Broadcast Server restarting in 10 minutes.',
      'Broadcast Server restarting in 5 minutes.',
      'Broadcast The restart was cancelled; keep playing!',
    ]);
    expect(said.at(-1)).toMatch(/cancelled with 5 min left/);
  });
});
