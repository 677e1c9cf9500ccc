import type { LogEntry } from '@ark-asa/contracts';
import { describe, expect, it, vi } from 'vitest';
import { json } from '../test/harness.tsx';
import { appendLogLine, instanceLog, mergeLines, reloadOpenLogs } from './log-store.ts';

const ID = '4c1a0cb1-0f3e-4c39-9d2a-6b7f2f3e0a11';
const line = (seq: number, instanceId = ID): LogEntry => ({
  seq,
  instanceId,
  level: 'INFO',
  source: 'server',
  message: `line ${seq}`,
  timestamp: '2026-12-06T04:00:00.000Z',
});
const seqs = (lines: readonly LogEntry[]) => lines.map((l) => l.seq);

describe('mergeLines', () => {
  it('appends newer lines and keeps the newest max', () => {
    expect(seqs(mergeLines([line(1), line(2)], [line(3), line(4)]))).toEqual([1, 2, 3, 4]);
    expect(seqs(mergeLines([line(1), line(2)], [line(3), line(4)], 3))).toEqual([2, 3, 4]);
  });

  it('merges older, duplicate and unordered lines in seq order, each once', () => {
    expect(seqs(mergeLines([line(3), line(5)], [line(4), line(1), line(5), line(6), line(6)]))).toEqual([
      1, 3, 4, 5, 6,
    ]);
  });

  it('returns the same array when nothing is new', () => {
    const lines = [line(1), line(2)];
    expect(mergeLines(lines, [line(2), line(1)])).toBe(lines);
    expect(mergeLines(lines, [])).toBe(lines);
  });
});

describe('an instance log fed by live lines', () => {
  it('queues a burst, tells listeners once, and merges it on the next read', () => {
    const log = instanceLog(ID);
    const heard = vi.fn();
    const off = log.subscribe(heard);
    const version = log.version;
    for (let seq = 1; seq <= 100; seq += 1) appendLogLine(line(seq));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(log.version).toBe(version + 1);
    const first = log.lines;
    expect(seqs(first)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(log.lines).toBe(first);
    appendLogLine(line(101));
    expect(heard).toHaveBeenCalledTimes(2);
    expect(log.lines).not.toBe(first);
    expect(log.lines.at(-1)?.seq).toBe(101);
    off();
  });

  it('keeps a log nobody reads bounded, and ignores lines of logs never opened', () => {
    const id = '5d2b1dc2-1f4e-4d4a-8e3b-7c8f3f4e1b22';
    const log = instanceLog(id);
    for (let seq = 1; seq <= 12_000; seq += 1) appendLogLine(line(seq, id));
    expect(log.lines).toHaveLength(5000);
    expect(log.lines.at(-1)?.seq).toBe(12_000);
    expect(() => appendLogLine(line(1, '6e3c2ed3-2a5f-4e5b-9f4c-8d9a4a5f2c33'))).not.toThrow();
  });
});

describe('reloadOpenLogs after a reconnect', () => {
  it('reads the tail again after a load that was already on its way', async () => {
    const id = '7f4d3e14-3b6f-4f6c-8a5d-9e0b5b6a3d44';
    const answers: ((body: unknown) => void)[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>((resolve) => answers.push((body) => resolve(json(200, body))))),
    );
    const log = instanceLog(id);
    const first = log.load();
    reloadOpenLogs(); // the connection came back while the first load was on its way
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    answers[0]!({ items: [line(1, id)], nextCursor: null }); // read before the lines sent meanwhile
    await first;
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!({ items: [line(1, id), line(2, id)], nextCursor: null });
    await vi.waitFor(() => expect(seqs(log.lines)).toEqual([1, 2]));
  });
});
