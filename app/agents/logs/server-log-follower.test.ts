import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../domain/clock.ts';
import type { ServerLogLine } from '../../domain/server-log.ts';
import { createLogger } from '../../logger.ts';
import type { LogLineInput } from './log-sink.ts';
import { followServerLog, ServerLogFollower, serverLogPath } from './server-log-follower.ts';

const INSTANCE = '5d0c1d8e-6a51-4d4e-9b1e-0a8f6c2b7e11';
const NOW = new Date('2025-11-05T17:00:00.000Z');
const clock: Clock = { now: () => NOW, sleep: () => Promise.resolve() };

let dir: string;
let appended: { instanceId: string; line: LogLineInput }[];
let parsed: ServerLogLine[];
let follower: ServerLogFollower;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-follow-'));
  appended = [];
  parsed = [];
  follower = new ServerLogFollower({
    instanceId: INSTANCE,
    installDir: dir,
    sink: { append: (instanceId, line) => appended.push({ instanceId, line }) },
    clock,
    logger: createLogger({ silent: true }),
    onLine: (l) => parsed.push(l),
    pollIntervalMs: 5,
  });
});
afterEach(async () => {
  await follower.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('ServerLogFollower', () => {
  it('appends parsed server lines to the sink and hands markers to the supervisor', async () => {
    const file = serverLogPath(dir);
    expect(file).toBe(path.join(dir, 'ShooterGame', 'Saved', 'Logs', 'ShooterGame.log'));
    await follower.start({ fromStart: true });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      '\uFEFF[2025.11.05-16.11.49:765][  0]Log file open, 11/05/25 17:11:49\r\n' +
        '\r\n' +
        'a continuation line without prefix\r\n' +
        '[2025.11.05-16.12.30:001][ 15]Server has completed startup and is now advertising for join.\r\n' +
        '[2025.11.05-16.12.31:002][ 16]Warning: something odd ServerAdminPassword=hunter2\r\n',
    );
    await waitFor(() => appended.length === 4);
    // Only lines with a marker go to the supervisor.
    expect(parsed.map((l) => l.marker?.kind)).toEqual(['log-open', 'ready']);
    expect(follower.lines).toBe(4);
    expect(appended[0]).toEqual({
      instanceId: INSTANCE,
      line: {
        level: 'INFO',
        source: 'server',
        message: 'Log file open, 11/05/25 17:11:49',
        timestamp: '2025-11-05T16:11:49.765Z',
      },
    });
    // No prefix: stamped with the time it was read.
    expect(appended[1]?.line.timestamp).toBe(NOW.toISOString());
    expect(appended[3]?.line.level).toBe('WARN');
    expect(appended[3]?.line.message).not.toContain('hunter2');
  });

  it('followServerLog follows at once: the caller may spawn the server without awaiting', async () => {
    const file = serverLogPath(dir);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      '\uFEFF[2025.11.04-10.00.00:000][  0]Server has completed startup and is now advertising for join.\r\n',
    );
    const sink = { append: (instanceId: string, line: LogLineInput) => appended.push({ instanceId, line }) };
    follower = followServerLog(
      { sink, clock, logger: createLogger({ silent: true }), pollIntervalMs: 5 },
      { instanceId: INSTANCE, installDir: dir, fromStart: true, onLine: (l) => parsed.push(l) },
    );
    // What the server does as it starts, right after the spawn.
    fs.renameSync(file, path.join(path.dirname(file), 'ShooterGame-backup-2025.11.04-10.00.00.log'));
    fs.writeFileSync(file, '\uFEFF[2025.11.05-16.11.49:765][  0]Log file open, 11/05/25 17:11:49\r\n');
    await waitFor(() => parsed.length === 1);
    await follower.stop();
    // The previous run's `ready` line was not replayed.
    expect(parsed.map((l) => l.marker?.kind)).toEqual(['log-open']);
    expect(appended.map((a) => a.line.message)).toEqual(['Log file open, 11/05/25 17:11:49']);
  });

  it('gives a sink with appendLazy the very lines append gets, made only when the sink keeps them', async () => {
    const text =
      '\uFEFF[2025.11.05-16.11.49:765][  0]Log file open, 11/05/25 17:11:49\r\n' +
      'a continuation line without prefix\r\n' +
      '[2025.11.05-16.12.31:002][ 16]LogNet: Warning: ServerAdminPassword=hunter2\r\n' +
      '[2023.02.29-16.12.31:002][ 17]Error: an impossible date\r\n' +
      '[2025.11.05-16.12.32:003][ 18]2025.11.05_16.12.32: Rex (Rexy): Error: typed by a player\r\n';
    await follower.start({ fromStart: true });
    const made: LogLineInput[] = [];
    let offered = 0;
    const lazy = new ServerLogFollower({
      instanceId: INSTANCE,
      installDir: dir,
      sink: {
        append: () => expect.unreachable('a sink with appendLazy gets every line through it'),
        // Keeps every other line, as a rate limit would.
        appendLazy: (instanceId, source, make) => {
          expect([instanceId, source]).toEqual([INSTANCE, 'server']);
          if (offered++ % 2 === 0) made.push(make());
        },
      },
      clock,
      logger: createLogger({ silent: true }),
      pollIntervalMs: 5,
    });
    await lazy.start({ fromStart: true });
    const file = serverLogPath(dir);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    await waitFor(() => appended.length === 5 && offered === 5);
    await lazy.stop();
    expect(made).toEqual(appended.filter((_, i) => i % 2 === 0).map((a) => a.line));
    expect(JSON.stringify(made)).toBe(JSON.stringify(appended.filter((_, i) => i % 2 === 0).map((a) => a.line)));
  });

  it('still hands a marker to the supervisor when the sink throws', async () => {
    follower = new ServerLogFollower({
      instanceId: INSTANCE,
      installDir: dir,
      sink: {
        append: () => {
          throw new Error('sink broken');
        },
      },
      clock,
      logger: createLogger({ silent: true }),
      onLine: (l) => parsed.push(l),
      pollIntervalMs: 5,
    });
    await follower.start({ fromStart: true });
    const file = serverLogPath(dir);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      '[2025.11.05-16.12.30:001][ 15]Server has completed startup and is now advertising for join.\n',
    );
    await waitFor(() => parsed.length === 1);
    expect(parsed[0]?.marker).toEqual({ kind: 'ready' });
  });
});
