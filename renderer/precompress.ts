import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

/** What is worth compressing: text. Images the UI has are SVG (text); fonts and PNGs are not. */
export const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json']);
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes `x.br` and `x.gz` beside every text file of the build, made once here at their smallest, so
 * the manager sends a remote browser a quarter of the bytes without compressing anything per request
 * (app/http/static-ui.ts). Browsers ask for brotli only over HTTPS; gzip serves plain HTTP.
 */
export async function precompressFolder(dir: string): Promise<number> {
  let written = 0;
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.has(path.extname(entry.name))) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = await fs.readFile(file);
    if (bytes.length < MIN_BYTES) continue;
    const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
    await fs.writeFile(`${file}.br`, await brotli(bytes, { params }));
    await fs.writeFile(`${file}.gz`, await gzip(bytes, { level: 9 }));
    written += 1;
  }
  return written;
}

/** The vite plugin: precompresses the output folder once the bundle is written. */
export function precompress(): Plugin {
  return {
    name: 'ark-precompress',
    apply: 'build',
    async writeBundle(options) {
      if (options.dir) await precompressFolder(options.dir);
    },
  };
}
