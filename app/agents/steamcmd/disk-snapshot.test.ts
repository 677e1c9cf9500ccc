import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { folderBytes, readDiskSnapshot } from './disk-snapshot.ts';

describe('disk snapshot', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('reads the manifest and sums the files of the downloading folder', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-disk-'));
    expect(await readDiskSnapshot(dir)).toEqual({ manifest: null, downloadingBytes: null });
    const downloading = path.join(dir, 'steamapps', 'downloading', '2430930');
    fs.mkdirSync(path.join(downloading, 'ShooterGame', 'Content'), { recursive: true });
    fs.writeFileSync(path.join(downloading, 'ShooterGame', 'Content', 'a.pak'), Buffer.alloc(3000));
    fs.writeFileSync(path.join(downloading, 'b.dll'), Buffer.alloc(500));
    expect(await folderBytes(downloading)).toBe(3500);
    fs.writeFileSync(
      path.join(dir, 'steamapps', 'appmanifest_2430930.acf'),
      '"AppState"\n{\n\t"StateFlags"\t\t"1026"\n\t"buildid"\t\t"0"\n\t"BytesToDownload"\t\t"9000"\n\t"BytesDownloaded"\t\t"100"\n}\n',
    );
    const snapshot = await readDiskSnapshot(dir);
    expect(snapshot.downloadingBytes).toBe(3500);
    expect(snapshot.manifest).toMatchObject({
      stateFlags: 1026,
      buildId: null,
      bytesToDownload: 9000,
      bytesDownloaded: 100,
    });
  });
});
