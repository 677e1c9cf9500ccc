import { InstanceStatus } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition } from './instance-state.ts';
import { decideRestart } from './crash-policy.ts';
import { cancelledMessage, warningMessage, warningMinutes } from './countdown.ts';

describe('instance state machine', () => {
  it('allows the lifecycle paths and refuses the impossible ones', () => {
    const path: InstanceStatus[] = [
      'NOT_INSTALLED',
      'STOPPED',
      'STARTING',
      'RUNNING',
      'STOPPING',
      'STOPPED',
      'UPDATING',
      'STOPPED',
    ];
    for (let i = 1; i < path.length; i += 1) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition('RUNNING', 'CRASHED')).toBe(true);
    expect(canTransition('CRASHED', 'STARTING')).toBe(true);
    expect(canTransition('STOPPED', 'RUNNING')).toBe(false);
    expect(canTransition('STOPPED', 'CRASHED')).toBe(false);
    expect(canTransition('RUNNING', 'STARTING')).toBe(false);
    expect(canTransition('STOPPING', 'CRASHED')).toBe(false);
    expect(() => assertTransition('UPDATING', 'RUNNING')).toThrow(/cannot go from UPDATING to RUNNING/);
  });

  it('every status can eventually get back to STOPPED', () => {
    for (const from of InstanceStatus.options) {
      const seen = new Set([from]);
      const queue = [from];
      while (queue.length) {
        const s = queue.shift()!;
        for (const to of InstanceStatus.options) {
          if (!seen.has(to) && canTransition(s, to)) {
            seen.add(to);
            queue.push(to);
          }
        }
      }
      expect(seen.has('STOPPED'), from).toBe(true);
    }
  });
});

describe('crash-loop guard', () => {
  const policy = { maxRestarts: 3, windowMs: 10 * 60_000 };
  it('restarts until the limit within the window, then stops with a reason', () => {
    const t = 1_000_000;
    expect(decideRestart(policy, [], t)).toEqual({ restart: true, attempt: 1 });
    expect(decideRestart(policy, [t - 1000, t - 500], t)).toEqual({ restart: true, attempt: 3 });
    const no = decideRestart(policy, [t - 3000, t - 2000, t - 1000], t);
    expect(no.restart).toBe(false);
    expect(no.restart === false && no.reason).toMatch(/4 times within 10 minutes/);
  });
  it('forgets restarts older than the window', () => {
    const t = 1_000_000_000;
    expect(decideRestart(policy, [t - 11 * 60_000, t - 10 * 60_000, t - 1000], t)).toEqual({
      restart: true,
      attempt: 2,
    });
  });
});

describe('countdown', () => {
  it('warns at the start and at the usual marks', () => {
    expect(warningMinutes(15)).toEqual([15, 10, 5, 3, 2, 1]);
    expect(warningMinutes(1)).toEqual([1]);
    expect(warningMinutes(7)).toEqual([7, 5, 3, 2, 1]);
    expect(warningMinutes(0)).toEqual([]);
  });
  it('words the warning', () => {
    expect(warningMessage('restart', 5, 'daily restart')).toBe('Server restarting in 5 minutes: daily restart');
    expect(warningMessage('stop', 1)).toBe('Server shutting down in 1 minute.');
  });
  it('warns exactly at chosen minutes, and always when the countdown starts', () => {
    expect(warningMinutes(15, [15, 5, 1])).toEqual([15, 5, 1]);
    expect(warningMinutes(15, [5, 1])).toEqual([15, 5, 1]);
    expect(warningMinutes(10, [30, 5, 0])).toEqual([10, 5]);
  });
  it('fills a message template with {minutes} and {time}', () => {
    expect(warningMessage('restart', 15, 'Daily restart in {minutes} min, find a bed!')).toBe(
      'Daily restart in 15 min, find a bed!',
    );
    expect(warningMessage('update', 1, 'New ARK patch: down in {time}')).toBe('New ARK patch: down in 1 minute');
    expect(warningMessage('update', 5, 'new build')).toBe('Server restarting for an update in 5 minutes: new build');
    expect(cancelledMessage('restart')).toBe('The restart was cancelled; keep playing!');
  });
});
