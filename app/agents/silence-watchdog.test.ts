import { describe, expect, it } from 'vitest';
import { SilenceWatchdog } from './silence-watchdog.ts';

const turn = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SilenceWatchdog', () => {
  it('says silent once, after the last arming; a disarmed one never', async () => {
    const calls: string[] = [];
    const dog = new SilenceWatchdog();
    dog.arm(20, () => calls.push('first'));
    dog.arm(40, () => calls.push('second'));
    await turn(80);
    expect(calls).toEqual(['second']);
    dog.arm(20, () => calls.push('third'));
    dog.disarm();
    await turn(60);
    expect(calls).toEqual(['second']);
  });

  it('lets a message that arrived during a stall re-arm it before the verdict', async () => {
    const calls: string[] = [];
    const dog = new SilenceWatchdog();
    dog.arm(10, () => calls.push('silent'));
    // A message handled in the same turn as the due timer (here: queued before the stall ends).
    setTimeout(() => dog.arm(1000, () => calls.push('late')), 10);
    const until = Date.now() + 30;
    while (Date.now() < until); // the stall: both timers fall due meanwhile
    await turn(50);
    expect(calls).toEqual([]);
    dog.disarm();
  });
});
