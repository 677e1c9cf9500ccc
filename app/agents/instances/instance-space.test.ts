import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statBig } from './link-tree.ts';
import { EXE, instanceRecord, makeBuild, makeLayout, tempDir } from './test-fixtures.ts';

const MB = 1024 * 1024;
const PAKS = 3;
const PAK_MB = 100;

/** Writes `mb` MiB of random bytes chunk by chunk: real blocks, no holes, nothing a filesystem could compress. */
async function writeRealBytes(file: string, mb: number): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const handle = await fsp.open(file, 'w');
  try {
    for (let i = 0; i < mb; i++) await handle.write(randomBytes(MB));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Bytes allocated on disk under the roots, counting each (dev, ino) once however many links it has. */
async function allocatedBytes(roots: string[]): Promise<{ bytes: number; files: number; inodes: number }> {
  const seen = new Map<string, bigint>();
  let files = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.isFile()) {
        const st = await statBig(p);
        files++;
        seen.set(`${st.dev}:${st.ino}`, st.blocks * 512n);
      }
    }
  };
  for (const root of roots) await walk(root);
  const bytes = [...seen.values()].reduce((a, b) => a + b, 0n);
  return { bytes: Number(bytes), files, inodes: seen.size };
}

async function freeBytes(p: string): Promise<number> {
  const st = await fsp.statfs(p);
  return st.bavail * st.bsize;
}

const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;

describe('two instances of a 300 MB build', () => {
  let dataRoot: string;
  let build: string;
  beforeAll(async () => {
    dataRoot = await tempDir('space');
    build = await makeBuild(dataRoot, '1001', {
      [EXE]: randomBytes(64 * 1024),
      [path.join('steamapps', 'appmanifest_2430930.acf')]: '"AppState"\n{\n\t"buildid"\t\t"1001"\n}\n',
    });
    for (let i = 0; i < PAKS; i++) {
      await writeRealBytes(
        path.join(build, 'ShooterGame', 'Content', 'Paks', `pakchunk${i}-WindowsServer.pak`),
        PAK_MB,
      );
    }
  }, 120_000);
  afterAll(() => fsp.rm(dataRoot, { recursive: true, force: true }));

  it('stores the bytes once: no second copy on disk', async () => {
    const layout = makeLayout(dataRoot);
    const buildOnly = await allocatedBytes([build]);
    const freeBefore = await freeBytes(dataRoot);

    const t0 = performance.now();
    const one = (await layout.create(instanceRecord({ id: 'instance-one' })))!;
    const two = (await layout.create(
      instanceRecord({
        id: 'instance-two',
        settings: { ...instanceRecord().settings, gamePort: 7787, rconPort: 27030 },
      }),
    ))!;
    const ms = performance.now() - t0;

    const freeAfter = await freeBytes(dataRoot);
    const all = await allocatedBytes([build, one, two]);
    const apparent = (await allocatedBytes([one])).bytes; // what one instance would cost as a copy
    console.log(
      [
        `build on disk (st_blocks*512): ${mb(buildOnly.bytes)} in ${buildOnly.files} files`,
        `build + 2 instances, unique (dev, ino): ${mb(all.bytes)} in ${all.files} paths / ${all.inodes} inodes`,
        `one instance counted alone (as if copied): ${mb(apparent)}`,
        `statfs free space: before ${mb(freeBefore)}, after ${mb(freeAfter)}, drop ${mb(freeBefore - freeAfter)}`,
        `two instances laid out in ${ms.toFixed(0)} ms`,
      ].join('\n'),
    );

    expect(buildOnly.bytes).toBeGreaterThanOrEqual(PAKS * PAK_MB * MB);
    expect(apparent).toBeGreaterThanOrEqual(PAKS * PAK_MB * MB); // each instance does see all the bytes...
    expect(all.bytes - buildOnly.bytes).toBeLessThan(MB); // ...but only the new INI files take new blocks
    // Other processes share this disk, so free space is noisy; a copy would cost 600 MB here.
    expect(freeBefore - freeAfter).toBeLessThan(buildOnly.bytes / 4);
    for (const dir of [one, two]) {
      const pak = path.join('ShooterGame', 'Content', 'Paks', 'pakchunk0-WindowsServer.pak');
      expect((await statBig(path.join(dir, pak))).ino).toBe((await statBig(path.join(build, pak))).ino);
    }
    expect((await statBig(path.join(build, EXE))).nlink).toBe(3n);
  }, 120_000);
});

describe('a build with thousands of files', () => {
  it('is laid out with links only (timing printed, not asserted)', async () => {
    const dataRoot = await tempDir('many');
    try {
      const files: Record<string, string> = {};
      for (let d = 0; d < 60; d++) {
        for (let f = 0; f < 50; f++)
          files[path.join('ShooterGame', 'Content', `dir${d}`, `sub${f % 5}`, `asset${f}.uasset`)] = `${d}/${f}`;
      }
      await makeBuild(dataRoot, '1001', files);
      const layout = makeLayout(dataRoot);
      const t0 = performance.now();
      const dir = (await layout.create(instanceRecord()))!;
      const first = performance.now() - t0;
      const t1 = performance.now();
      await layout.create(instanceRecord()); // a retry: everything already in place
      const retry = performance.now() - t1;
      console.log(
        `${Object.keys(files).length} files: laid out in ${first.toFixed(0)} ms, retry in ${retry.toFixed(0)} ms`,
      );
      const sample = path.join('ShooterGame', 'Content', 'dir59', 'sub4', 'asset49.uasset');
      expect((await statBig(path.join(dir, sample))).nlink).toBe(2n);
    } finally {
      await fsp.rm(dataRoot, { recursive: true, force: true });
    }
  }, 120_000);
});
