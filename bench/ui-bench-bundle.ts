/**
 * The UI builds that `npm run bench:ui` compares: the real one (a chunk per page) and the same
 * sources in one chunk (rolldown's `codeSplitting: false`), both built in this run, and their sizes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { tempDir } from '../test/helpers/harness.ts';
import { ROOT } from '../test/helpers/processes.ts';

export interface Chunk {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface UiBuild {
  label: string;
  dir: string;
  chunks: Chunk[];
}

const RENDERER = path.join(ROOT, 'renderer');

/** Builds the renderer into a temporary folder (renderer/dist, which the UI tests serve, is left alone). */
export async function buildUi(label: string, split: boolean): Promise<UiBuild> {
  const dir = tempDir(`ark-ui-bench-${label}-`);
  await build({
    configFile: path.join(RENDERER, 'vite.config.ts'),
    root: RENDERER,
    logLevel: 'warn',
    build: {
      outDir: dir,
      emptyOutDir: true,
      ...(split ? {} : { rolldownOptions: { output: { codeSplitting: false } } }),
    },
  });
  return { label, dir, chunks: jsChunks(dir) };
}

/** An existing build (`--dist`), e.g. one made from another revision. */
export function existingUi(label: string, dir: string): UiBuild {
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir} has no index.html: not a UI build`);
  return { label, dir, chunks: jsChunks(dir) };
}

function jsChunks(dir: string): Chunk[] {
  const assets = path.join(dir, 'assets');
  return fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const bytes = fs.readFileSync(path.join(assets, file));
      // Level 9, as Vite's own report of gzip sizes.
      return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

/** The chunks among `urls` (the page's loaded resources), with their sizes. */
export function loaded(ui: UiBuild, urls: readonly string[]): Chunk[] {
  const names = new Set(urls.map((u) => path.basename(new URL(u).pathname)));
  return ui.chunks.filter((c) => names.has(c.file));
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function sum(chunks: readonly Chunk[]): { bytes: number; gzipBytes: number } {
  return chunks.reduce((t, c) => ({ bytes: t.bytes + c.bytes, gzipBytes: t.gzipBytes + c.gzipBytes }), {
    bytes: 0,
    gzipBytes: 0,
  });
}
