import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInside } from './build-paths.ts';
import { copyTree, directorySize } from './dir-tree.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-tree-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeTree(root: string): void {
  fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
  fs.writeFileSync(path.join(root, 'top.bin'), Buffer.alloc(3000, 1));
  fs.writeFileSync(path.join(root, 'a', 'b', 'deep.bin'), Buffer.alloc(1000, 2));
}

describe('copyTree', () => {
  it('makes a real copy (new inodes, no hard links) and reports bytes before each file', async () => {
    const src = path.join(dir, 'src');
    const dest = path.join(dir, 'dest');
    writeTree(src);
    const reports: [number, number][] = [];
    await copyTree(src, dest, {
      signal: new AbortController().signal,
      onProgress: (done, total) => reports.push([done, total]),
    });
    for (const rel of ['top.bin', path.join('a', 'b', 'deep.bin')]) {
      const a = fs.statSync(path.join(src, rel));
      const b = fs.statSync(path.join(dest, rel));
      expect(b.ino).not.toBe(a.ino);
      expect(b.nlink).toBe(1);
      expect(fs.readFileSync(path.join(dest, rel))).toEqual(fs.readFileSync(path.join(src, rel)));
    }
    expect(reports.map(([, total]) => total)).toEqual([4000, 4000]);
    expect(reports.map(([done]) => done).sort((x, y) => x - y)[0]).toBe(0);
    expect(await directorySize(dest)).toBe(4000);
  });

  it('stops when its signal is aborted', async () => {
    const src = path.join(dir, 'src');
    writeTree(src);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(copyTree(src, path.join(dir, 'dest'), { signal: controller.signal })).rejects.toThrow('cancelled');
  });
});

describe('isInside', () => {
  it('accepts only paths strictly below the parent', () => {
    expect(isInside('/d/builds', '/d/builds/123')).toBe(true);
    expect(isInside('/d/builds', '/d/builds')).toBe(false);
    expect(isInside('/d/builds', '/d/builds/../other')).toBe(false);
    expect(isInside('/d/builds', '/d/builds-other/1')).toBe(false);
  });
});
