// World saves: `<Map>.ark` written through a temp file and a rename (docs/ark-facts.md#saves), so a reader never
// sees a half-written save and the file's mtime/size change only when the save is complete.
// A real ASA `.ark` is an SQLite database (docs/ark-facts.md#where-the-world-is-saved); the simulator
// writes a text header and filler instead, since tests check a save is whole by its exact size and
// bytes, and the manager treats the world as opaque bytes (its SQLite side files are what matter).
import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SaveResult {
  file: string;
  tookSeconds: number;
}

export async function writeWorldSave(file: string, bytes: number, seconds: number, meta: object): Promise<SaveResult> {
  const started = Date.now();
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    const header = Buffer.from(`ASA-SIM-SAVE ${JSON.stringify({ ...meta, savedAt: new Date().toISOString() })}\n`);
    await handle.write(header);
    const filler = Buffer.alloc(Math.max(0, bytes - header.length), 0x5a);
    if (filler.length > 0) await handle.write(filler);
    await handle.sync();
  } finally {
    await handle.close();
  }
  const remaining = seconds * 1000 - (Date.now() - started);
  if (remaining > 0) await sleep(remaining);
  await rename(tmp, file);
  return { file, tookSeconds: (Date.now() - started) / 1000 };
}
