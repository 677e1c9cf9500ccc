import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { syncDir } from '../durable-fs.ts';

export type TextEncoding = 'utf8' | 'utf16le';

export interface TextFile {
  text: string;
  encoding: TextEncoding;
}

const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);

/**
 * Reads a config file as text; null when it does not exist. Unreal saves a config as UTF-16LE
 * with a BOM when it holds characters outside ANSI (e.g. a session name with accents), and UTF-8
 * otherwise, so both are read, and written back the way they came. A UTF-8 BOM stays in the text
 * as U+FEFF so that UTF-8 files round-trip byte for byte; the UTF-16 BOM is an encoding mark and
 * is restored on write.
 */
export async function readTextFile(file: string): Promise<TextFile | null> {
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (bytes.subarray(0, 2).equals(UTF16LE_BOM))
    return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf16le' };
  return { text: bytes.toString('utf8'), encoding: 'utf8' };
}

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  return encoding === 'utf16le'
    ? Buffer.concat([UTF16LE_BOM, Buffer.from(text, 'utf16le')])
    : Buffer.from(text, 'utf8');
}

// Antivirus scanners and the Search indexer briefly open new files on Windows; replacing a file
// they hold fails with EPERM/EBUSY/EACCES and succeeds a moment later.
const TRANSIENT = new Set(['EPERM', 'EBUSY', 'EACCES']);
const RENAME_ATTEMPTS = 5;

/**
 * Replaces `file` so that a crash leaves either the old or the new content, never half a file:
 * write a temp file in the same directory (same volume, so the rename is atomic), flush it to
 * disk, then rename it over the target. The rename also breaks any hard link the old file had.
 */
export async function writeFileAtomic(file: string, data: Buffer): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fsp.open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await syncDir(path.dirname(file));
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fsp.rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !TRANSIENT.has(code) || attempt >= RENAME_ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
