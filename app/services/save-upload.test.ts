import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { craftZip } from '../agents/backups/test-zip.ts';
import { AppError } from '../domain/app-error.ts';
import {
  asUploadError,
  checkUploadedZip,
  deleteWhenEnded,
  receiveUpload,
  SAVE_UPLOAD_LIMIT_ENV,
  saveUploadLimit,
  uploadsDir,
} from './save-upload.ts';

const root = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ark-save-upload-'));
const source = (chunks: Buffer[], declaredBytes: number | null = null) => ({
  body: Readable.from(chunks),
  declaredBytes,
});
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (err: unknown) => (err instanceof AppError ? err.code : String(err)),
  );

afterEach(() => {
  delete process.env[SAVE_UPLOAD_LIMIT_ENV];
});

describe('receiveUpload', () => {
  it('stores the body under runtime/uploads as <uuid>.zip', async () => {
    const dataRoot = root();
    const file = await receiveUpload(dataRoot, source([Buffer.from('PK'), Buffer.from('rest')], 6));
    expect(path.dirname(file)).toBe(uploadsDir(dataRoot));
    expect(path.basename(file)).toMatch(/^[0-9a-f-]{36}\.zip$/);
    expect(fs.readFileSync(file, 'utf8')).toBe('PKrest');
  });

  it('refuses an empty body naming body, and one past the cap with 413, keeping no file', async () => {
    const dataRoot = root();
    const empty = await receiveUpload(dataRoot, source([])).catch((e: unknown) => e);
    expect(empty).toMatchObject({ code: 'validation-failed', details: { fields: [{ field: 'body' }] } });
    process.env[SAVE_UPLOAD_LIMIT_ENV] = '1024';
    expect(saveUploadLimit()).toEqual({ bytes: 1024, text: '1 KiB' });
    expect(await codeOf(receiveUpload(dataRoot, source([Buffer.alloc(600), Buffer.alloc(600)])))).toBe(
      'payload-too-large',
    );
    expect(await codeOf(receiveUpload(dataRoot, source([Buffer.alloc(10)], 5000)))).toBe('payload-too-large');
    expect(fs.readdirSync(uploadsDir(dataRoot))).toEqual([]);
  });

  it('falls back to 8 GiB for a cap that is not a positive whole number', () => {
    process.env[SAVE_UPLOAD_LIMIT_ENV] = 'lots';
    expect(saveUploadLimit()).toEqual({ bytes: 8 * 1024 ** 3, text: '8 GiB' });
  });
});

describe('checkUploadedZip', () => {
  it('names body, not the stored path, for a file that is no zip or has no world', async () => {
    const dir = root();
    const notZip = path.join(dir, 'a.zip');
    fs.writeFileSync(notZip, 'hello');
    const noWorld = path.join(dir, 'b.zip');
    fs.writeFileSync(noWorld, craftZip([{ name: 'readme.txt', data: 'x' }]));
    for (const file of [notZip, noWorld]) {
      const err = (await checkUploadedZip(file).catch((e: unknown) => e)) as AppError;
      expect(err.code).toBe('validation-failed');
      expect(err.details).toMatchObject({ fields: [{ field: 'body' }] });
      expect(err.message).not.toContain(dir);
    }
    const good = path.join(dir, 'c.zip');
    fs.writeFileSync(good, craftZip([{ name: 'SavedArks/TheIsland_WP/TheIsland_WP.ark', data: 'w' }]));
    await expect(checkUploadedZip(good)).resolves.toBeUndefined();
  });

  it('keeps the code of an unsafe archive', async () => {
    const file = path.join(root(), 'evil.zip');
    fs.writeFileSync(file, craftZip([{ name: '../evil.ark', data: 'x' }]));
    expect(await codeOf(checkUploadedZip(file))).toBe('unsafe-archive');
    expect(asUploadError(new Error('plain'), file)).toBeInstanceOf(Error);
  });
});

describe('deleteWhenEnded', () => {
  it('deletes the upload of a job once it ends, whichever way, and leaves others alone', async () => {
    const dir = root();
    const [a, b] = ['a.zip', 'b.zip'].map((n) => path.join(dir, n));
    fs.writeFileSync(a!, 'a');
    fs.writeFileSync(b!, 'b');
    let endA = (): void => undefined;
    let failB = (_: Error): void => undefined;
    const doneA = deleteWhenEnded(new Promise<void>((resolve) => (endA = resolve)), a!);
    const doneB = deleteWhenEnded(new Promise<void>((_, reject) => (failB = reject)), b!);
    endA();
    await doneA;
    expect(fs.existsSync(a!)).toBe(false);
    expect(fs.existsSync(b!)).toBe(true);
    failB(new Error('the job could not be waited for'));
    await doneB;
    expect(fs.existsSync(b!)).toBe(false);
  });
});
