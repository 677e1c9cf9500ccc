import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompressFolder } from './precompress.ts';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('precompressFolder', () => {
  it('writes a brotli and a gzip copy beside each text file worth it, and nothing else', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-precompress-'));
    const js = 'export const a = "the same words again and again";\n'.repeat(200);
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'assets', 'app-1.js'), js);
    fs.writeFileSync(path.join(dir, 'tiny.svg'), '<svg/>');
    fs.writeFileSync(path.join(dir, 'assets', 'photo.png'), Buffer.alloc(4096, 7));
    expect(await precompressFolder(dir)).toBe(1);
    const file = path.join(dir, 'assets', 'app-1.js');
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)).toString()).toBe(js);
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).toString()).toBe(js);
    expect(fs.statSync(`${file}.gz`).size).toBeLessThan(js.length / 10);
    expect(fs.readdirSync(dir, { recursive: true }).sort()).toEqual(
      ['assets', 'assets/app-1.js', 'assets/app-1.js.br', 'assets/app-1.js.gz', 'assets/photo.png', 'tiny.svg'].map(
        (p) => p.split('/').join(path.sep),
      ),
    );
  });
});
