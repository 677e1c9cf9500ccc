import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressReporter } from './progress-reporter.ts';

describe('ProgressReporter', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the first report at once, then at most one per interval with the newest value', () => {
    vi.useFakeTimers();
    const sent: [number, string][] = [];
    const reporter = new ProgressReporter((p, m) => sent.push([p, m]), 250);
    reporter.report(1, 'a');
    for (let i = 2; i <= 1000; i += 1) reporter.report(i / 10, `step ${i}`);
    expect(sent).toEqual([[1, 'a']]);
    vi.advanceTimersByTime(250);
    expect(sent).toEqual([
      [1, 'a'],
      [100, 'step 1000'],
    ]);
    vi.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(2);
  });

  it('clamps to 0–100 and keeps the last percent for a non-number', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const reporter = new ProgressReporter((p) => sent.push(p), 10);
    reporter.report(150, 'x');
    vi.advanceTimersByTime(10);
    reporter.report(-5, 'y');
    vi.advanceTimersByTime(10);
    reporter.report(Number.NaN, 'z');
    vi.advanceTimersByTime(10);
    expect(sent).toEqual([100, 0, 0]);
  });

  it('drops a pending update when disposed', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const reporter = new ProgressReporter((p) => sent.push(p), 100);
    reporter.report(1, 'a');
    reporter.report(2, 'b');
    reporter.dispose();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([1]);
  });
});
