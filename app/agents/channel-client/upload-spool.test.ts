import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import { waitUntil } from '../../../test/helpers/remote-agents.ts';
import { EmbeddedHost } from './embedded-host.ts';
import { UploadSpool, uploadHandlers } from './upload-spool.ts';

const dirs: string[] = [];
function spoolDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-upload-spool-'));
  dirs.push(dir);
  return path.join(dir, 'uploads');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const ID = 'upload-0001';
const files = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

describe('UploadSpool', () => {
  it('appends pieces in order to one file on disk and gives it whole, then deletes it', async () => {
    const dir = spoolDir();
    const spool = new UploadSpool(dir);
    // Queued without waiting: each piece is written after the one before it.
    const sizes = await Promise.all([
      spool.append(ID, 0, Buffer.from('abc')),
      spool.append(ID, 1, Buffer.from('defg')),
      spool.append(ID, 2, Buffer.from('h')),
    ]);
    expect(sizes).toEqual([3, 7, 8]);
    const file = await spool.take(ID, 8);
    expect(fs.readFileSync(file, 'utf8')).toBe('abcdefgh');
    expect(path.dirname(file)).toBe(dir);
    expect(await spool.discard(ID)).toBe(true);
    expect(files(dir)).toEqual([]);
    expect(await spool.discard(ID)).toBe(false);
  });

  it('refuses a piece out of order and drops the whole upload', async () => {
    const dir = spoolDir();
    const spool = new UploadSpool(dir);
    await spool.append(ID, 0, Buffer.from('abc'));
    await expect(spool.append(ID, 2, Buffer.from('x'))).rejects.toMatchObject({
      code: 'validation-failed',
      message: `Piece 2 of upload ${ID} came instead of 1`,
    });
    await waitUntil('the spool deleted', () => files(dir).length === 0, 10_000);
    await expect(spool.append(ID, 1, Buffer.from('d'))).rejects.toMatchObject({ code: 'not-found' });
    await expect(spool.append('never-started', 3, Buffer.from('d'))).rejects.toMatchObject({ code: 'not-found' });
    expect(spool.size).toBe(0);
  });

  it('refuses to give a spool of another size than announced, and deletes it', async () => {
    const dir = spoolDir();
    const spool = new UploadSpool(dir);
    await spool.append(ID, 0, Buffer.from('abc'));
    await expect(spool.take(ID, 4)).rejects.toMatchObject({
      code: 'validation-failed',
      message: `Upload ${ID} holds 3 bytes, not 4`,
    });
    expect(files(dir)).toEqual([]);
    await expect(spool.take(ID, 3)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('removes the spools of an earlier run at start, and nothing else', () => {
    const dir = spoolDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'left-by-a-killed-agent.upload'), 'half a save');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
    new UploadSpool(dir).clearStale();
    expect(files(dir)).toEqual(['notes.txt']);
  });

  it('deletes a spool nobody feeds any more', async () => {
    const dir = spoolDir();
    const spool = new UploadSpool(dir, 50);
    await spool.append(ID, 0, Buffer.from('abc'));
    expect(files(dir)).toEqual([`${ID}.upload`]);
    await waitUntil('the idle spool deleted', () => spool.size === 0 && files(dir).length === 0, 10_000);
  });

  it('answers upload-chunk and upload-discard from the channel params', async () => {
    const dir = spoolDir();
    const handlers = uploadHandlers(new UploadSpool(dir));
    const signal = new AbortController().signal;
    const data = Buffer.from([0, 1, 2, 0xff]).toString('base64');
    expect(await handlers['upload-chunk']!({ uploadId: ID, seq: 0, data }, signal)).toEqual({ size: 4 });
    expect(await handlers['upload-chunk']!({ uploadId: ID, seq: 1, data }, signal)).toEqual({ size: 8 });
    expect(fs.readFileSync(path.join(dir, `${ID}.upload`))).toEqual(Buffer.from([0, 1, 2, 0xff, 0, 1, 2, 0xff]));
    expect(await handlers['upload-discard']!({ uploadId: ID }, signal)).toEqual({ discarded: true });
    expect(files(dir)).toEqual([]);
  });
});

describe('the spool of the agent embedding a manager', () => {
  it('is cleared at start and when the session that fed it ends', async () => {
    const dir = spoolDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'stale.upload'), 'x');
    const host = new EmbeddedHost({
      logger: createLogger({ silent: true }),
      startPlane: () => Promise.reject(new Error('not needed here')),
      defaults: { dataRoot: dir, steamcmdPath: null },
      uploadDir: dir,
    });
    expect(files(dir)).toEqual([]);
    const chunk = host.handlers()['upload-chunk']!;
    await chunk({ uploadId: ID, seq: 0, data: 'YWJj' }, new AbortController().signal);
    expect(files(dir)).toEqual([`${ID}.upload`]);
    host.closed({ send: () => undefined, bufferedAmount: () => 0, isOpen: () => false });
    await waitUntil('the spool deleted', () => files(dir).length === 0, 10_000);
  });
});
