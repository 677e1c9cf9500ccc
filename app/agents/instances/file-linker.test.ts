import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HardLinker, type LinkFs } from './file-linker.ts';
import { isBuildFile, statBig } from './link-tree.ts';
import { tempDir } from './test-fixtures.ts';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: refused`), { code });
}

/** A filesystem whose link() always fails with `code` and that records the calls it gets. */
function refusingFs(code: string) {
  const calls: string[] = [];
  const fs: LinkFs = {
    link: (src, dst) => {
      calls.push(`link ${src} ${dst}`);
      return Promise.reject(errno(code));
    },
    copyFile: (src, dst, mode) => {
      calls.push(`copy ${src} ${dst} ${mode}`);
      return Promise.resolve();
    },
    stat: () => Promise.resolve({ atime: new Date(1000), mtime: new Date(2000) }),
    utimes: (p, atime, mtime) => {
      calls.push(`utimes ${p} ${atime.getTime()} ${mtime.getTime()}`);
      return Promise.resolve();
    },
  };
  return { fs, calls };
}

describe('HardLinker fallback (fs fake)', () => {
  const FLAGS = constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE;

  it.each(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'EISDIR'])(
    'copies with a reflink request and the source timestamps when link fails with %s',
    async (code) => {
      const { fs, calls } = refusingFs(code);
      await expect(new HardLinker(fs).link('/b/a.pak', '/i/a.pak')).resolves.toBe('copied');
      expect(calls).toEqual(['link /b/a.pak /i/a.pak', `copy /b/a.pak /i/a.pak ${FLAGS}`, 'utimes /i/a.pak 1000 2000']);
    },
  );

  it.each(['ENOENT', 'EACCES', 'EEXIST', 'ENOSPC'])('does not hide %s behind a copy', async (code) => {
    const { fs, calls } = refusingFs(code);
    await expect(new HardLinker(fs).link('/b/a.pak', '/i/a.pak')).rejects.toMatchObject({ code });
    expect(calls).toEqual(['link /b/a.pak /i/a.pak']);
  });

  it('fails when the copy fails too', async () => {
    const { fs } = refusingFs('EXDEV');
    fs.copyFile = () => Promise.reject(errno('ENOSPC'));
    await expect(new HardLinker(fs).link('/b/a', '/i/a')).rejects.toMatchObject({ code: 'ENOSPC' });
  });
});

describe('HardLinker on this filesystem', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('linker');
    await fsp.writeFile(path.join(dir, 'src.bin'), 'build bytes');
  });
  afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

  it('hard-links: same inode, two links', async () => {
    const src = path.join(dir, 'src.bin');
    const dst = path.join(dir, 'dst.bin');
    await expect(new HardLinker().link(src, dst)).resolves.toBe('linked');
    const [a, b] = await Promise.all([statBig(src), statBig(dst)]);
    expect([b.ino, b.dev, b.nlink]).toEqual([a.ino, a.dev, 2n]);
  });

  it('a real copy made by the fallback is still recognised as the build file', async () => {
    const src = path.join(dir, 'src.bin');
    const dst = path.join(dir, 'dst.bin');
    await fsp.utimes(src, new Date('2024-03-01T10:00:00.123Z'), new Date('2024-03-01T10:00:00.456Z'));
    const realFs: LinkFs = { ...fsp, link: () => Promise.reject(errno('EXDEV')) };
    await expect(new HardLinker(realFs).link(src, dst)).resolves.toBe('copied');
    const [a, b] = await Promise.all([statBig(src), statBig(dst)]);
    expect(b.ino).not.toBe(a.ino);
    expect(await fsp.readFile(dst, 'utf8')).toBe('build bytes');
    expect(isBuildFile(b, a)).toBe(true);
  });

  it('never overwrites an existing destination', async () => {
    const dst = path.join(dir, 'dst.bin');
    await fsp.writeFile(dst, 'server file');
    await expect(new HardLinker().link(path.join(dir, 'src.bin'), dst)).rejects.toMatchObject({ code: 'EEXIST' });
    const realFs: LinkFs = { ...fsp, link: () => Promise.reject(errno('EXDEV')) };
    await expect(new HardLinker(realFs).link(path.join(dir, 'src.bin'), dst)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await fsp.readFile(dst, 'utf8')).toBe('server file');
  });
});
