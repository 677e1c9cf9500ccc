import { describe, expect, it } from 'vitest';
import { describeTimeout, StallDetector, stallMessage } from './stall-detector.ts';

describe('StallDetector', () => {
  it('stalls after the timeout without output or disk change', () => {
    const d = new StallDetector(1000, 0);
    expect(d.stalled(999)).toBe(false);
    expect(d.stalled(1000)).toBe(true);
  });

  it('counts output as activity', () => {
    const d = new StallDetector(1000, 0);
    d.output(800);
    expect(d.stalled(1500)).toBe(false);
    expect(d.idleMs(1500)).toBe(700);
    expect(d.stalled(1800)).toBe(true);
  });

  it('counts a changed disk as activity, but not the first look or an unchanged one', () => {
    const d = new StallDetector(1000, 0);
    d.disk('a', 500); // baseline: whatever an earlier run left
    expect(d.idleMs(900)).toBe(900);
    d.disk('a', 900);
    expect(d.idleMs(900)).toBe(900);
    d.disk('b', 950);
    expect(d.stalled(1900)).toBe(false);
    expect(d.stalled(1950)).toBe(true);
  });
});

describe('stall message', () => {
  it('states the timeout as the user set it', () => {
    expect(describeTimeout(600_000)).toBe('10 minutes');
    expect(describeTimeout(60_000)).toBe('1 minute');
    expect(describeTimeout(90_000)).toBe('90 seconds');
    expect(describeTimeout(1000)).toBe('1 second');
    expect(stallMessage(600_000)).toBe(
      'SteamCMD made no progress for 10 minutes (no output, download not growing); it was stopped. Check your network or disk, then try again.',
    );
  });
});
