// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MetricHistory } from '@ark-asa/contracts';
import { installDomShims, json, renderInApp } from '../../test/harness.tsx';
import { toSeries } from './history-data.ts';
import { HistoryPanel } from './HistoryPanel.tsx';

const ID = '6f1c1f0e-8f4f-4e43-9a51-1b7f2f0c9d11';
const T0 = Date.parse('2026-03-01T10:00:00.000Z');

const point = (minute: number, cpu: number, players: number) => ({
  t: new Date(T0 + minute * 60_000).toISOString(),
  cpuPercent: cpu,
  cpuMaxPercent: cpu,
  memoryBytes: 2 * 1024 ** 3,
  memoryMaxBytes: 2 * 1024 ** 3,
  players,
  playersMax: players,
});

const history = (range: string, points: ReturnType<typeof point>[]): MetricHistory =>
  ({ subject: 'instance', id: ID, range, resolutionSec: 60, points }) as MetricHistory;

/** Answers history requests; records each request's query string. */
function fakeHistory(answer: (range: string) => MetricHistory) {
  const urls: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) => {
      const u = new URL(url, 'http://test.invalid');
      urls.push(u);
      return Promise.resolve(json(200, answer(u.searchParams.get('range') ?? '')));
    }),
  );
  return urls;
}

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('HistoryPanel', () => {
  it('says history is being collected while there are no points', async () => {
    fakeHistory((range) => history(range, []));
    renderInApp(<HistoryPanel subject="instance" id={ID} title="History" />);
    expect((await screen.findByTestId('history-empty')).textContent).toContain('first points appear after a minute');
  });

  it('shows CPU, memory and players with their latest values, and asks again for another range', async () => {
    const urls = fakeHistory((range) => history(range, [point(0, 10, 1), point(1, 42.5, 3)]));
    renderInApp(<HistoryPanel subject="instance" id={ID} title="History" />);
    await waitFor(() => expect(screen.getAllByTestId('history-chart')).toHaveLength(3));
    const readouts = screen.getAllByTestId('history-readout').map((r) => r.textContent);
    expect(readouts[0]).toMatch(/^43%/);
    expect(readouts[1]).toMatch(/^2\.0 GiB/);
    expect(readouts[2]).toMatch(/^3 /);
    expect(urls[0]!.pathname).toBe('/api/v1/metrics/history');
    expect(Object.fromEntries(urls[0]!.searchParams)).toEqual({ subject: 'instance', id: ID, range: '24h' });
    fireEvent.click(screen.getByText('7 d'));
    await waitFor(() => expect(urls.at(-1)!.searchParams.get('range')).toBe('7d'));
    expect(localStorage.getItem('ark-history-range-instance')).toBe('7d');
  });

  it('breaks the line where samples stop, instead of bridging the gap', () => {
    const s = toSeries(history('1h', [point(0, 1, 0), point(1, 2, 0), point(30, 3, 0)]), 'cpu');
    expect(s.y).toEqual([1, 2, null, 3]);
    expect(s.x[2]).toBe((T0 + 2 * 60_000) / 1000);
  });
});
