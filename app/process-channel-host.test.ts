import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ParentMessage } from '@ark-asa/contracts';
import { createLogger } from './logger.ts';
import { connectParent, parseParentMessage, type ChannelProcess, type ParentPortLike } from './process-channel-host.ts';

const logger = createLogger({ silent: true });

/** Electron's utilityProcess side: `process.parentPort` delivers `{ data }` events. */
class FakeParentPort extends EventEmitter implements ParentPortLike {
  readonly posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
}

describe('the process channel', () => {
  it('accepts the contract’s messages and drops others (other version, unknown type, garbage)', () => {
    expect(parseParentMessage({ v: 1, type: 'shutdown' }, logger)).toEqual({
      v: 1,
      type: 'shutdown',
      stopServers: false,
    });
    expect(parseParentMessage({ v: 1, type: 'session-end', deadlineMs: 5000 }, logger)).toEqual({
      v: 1,
      type: 'session-end',
      deadlineMs: 5000,
    });
    for (const bad of [
      { v: 2, type: 'shutdown' },
      { v: 1, type: 'reboot' },
      { v: 1, type: 'session-end', deadlineMs: -1 },
      'stop',
      null,
    ]) {
      expect(parseParentMessage(bad, logger)).toBeNull();
    }
  });

  it('talks through process.parentPort inside an Electron utilityProcess', async () => {
    const port = new FakeParentPort();
    const proc = Object.assign(new EventEmitter(), { parentPort: port }) as unknown as ChannelProcess;
    const channel = connectParent(logger, proc)!;
    expect(channel.kind).toBe('utility-process');
    const got: ParentMessage[] = [];
    channel.onMessage((m) => got.push(m));
    port.emit('message', { data: { v: 1, type: 'shutdown', stopServers: true } });
    port.emit('message', { data: { v: 1, type: 'nonsense' } });
    expect(got).toEqual([{ v: 1, type: 'shutdown', stopServers: true }]);
    await channel.send({ v: 1, type: 'stopped', serversLeftRunning: 2 });
    expect(port.posted).toEqual([{ v: 1, type: 'stopped', serversLeftRunning: 2 }]);
  });

  it('talks through process.send under a Node fork, and reports the parent going away', async () => {
    const sent: unknown[] = [];
    const proc = Object.assign(new EventEmitter(), {
      connected: true,
      send: (message: unknown, callback?: (err: Error | null) => void) => {
        sent.push(message);
        callback?.(null);
        return true;
      },
    }) as unknown as ChannelProcess & EventEmitter;
    const channel = connectParent(logger, proc)!;
    expect(channel.kind).toBe('node-ipc');
    const got: ParentMessage[] = [];
    let gone = false;
    channel.onMessage((m) => got.push(m));
    channel.onDisconnect(() => (gone = true));
    proc.emit('message', { v: 1, type: 'session-end', deadlineMs: 100 });
    await channel.send({ v: 1, type: 'session-saved', saved: 1, failed: [] });
    proc.emit('disconnect');
    expect(got).toEqual([{ v: 1, type: 'session-end', deadlineMs: 100 }]);
    expect(sent).toEqual([{ v: 1, type: 'session-saved', saved: 1, failed: [] }]);
    expect(gone).toBe(true);
  });

  it('has no channel when started from a terminal or a service wrapper', () => {
    expect(connectParent(logger, new EventEmitter() as unknown as ChannelProcess)).toBeNull();
  });
});
