import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDataRootPaths, probeHardLink } from './data-root-probe.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'data-root-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkDataRootPaths', () => {
  it('makes a real hard link in the folder and leaves nothing behind', async () => {
    expect(await probeHardLink(dir)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('finds nothing wrong with a local temp folder, existing or not yet created', async () => {
    for (const root of [dir, path.join(dir, 'not', 'yet')]) {
      const res = await checkDataRootPaths(root);
      // The temp folder's own length is not the point here (a Windows runner's may pass the limit).
      expect(res.warnings.filter((w) => w.code !== 'path-too-long')).toEqual([]);
      expect(res.longestPathChars).toBeGreaterThan(root.length);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('warns about a Windows path that is too long whatever OS asks', async () => {
    const res = await checkDataRootPaths(`C:\\${'x'.repeat(200)}`, { platform: 'win32' });
    expect(res.warnings.map((w) => w.code)).toContain('path-too-long');
  });

  it.runIf(process.platform === 'linux')(
    'reads the file system type of the mount (exFAT) from the mount table',
    async () => {
      const mounts = path.join(dir, 'mounts');
      writeFileSync(mounts, `/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 ${dir} exfat rw 0 0\n`);
      const res = await checkDataRootPaths(path.join(dir, 'ark'), { procMounts: mounts });
      expect(res.warnings).toEqual([expect.objectContaining({ code: 'no-hard-links' })]);
      rmSync(mounts);
    },
  );

  it('warns about a network share', async () => {
    const res = await checkDataRootPaths('\\\\nas\\games\\ark', { platform: 'win32' });
    expect(res.warnings.map((w) => w.code)).toContain('network-drive');
  });
});
