/**
 * Writes build/icon.png (512 px, Linux and the window) and build/icon.ico (16–256 px, Windows:
 * executable, installer, shortcuts, tray). Deterministic; run after changing icon-art.ts:
 *   npx tsx main/packaging/make-icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderIcon } from './icon-art.ts';
import { encodeIco, encodeIcoBitmap, encodePng } from './image-codecs.ts';

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const PNG_SIZE = 512;

export function iconPng(): Buffer {
  return encodePng(renderIcon(PNG_SIZE), PNG_SIZE, PNG_SIZE);
}

/** PNG-compressed only at 256 px (as Windows' own icons do); bitmaps below, for the widest compatibility. */
export function iconIco(): Buffer {
  return encodeIco(
    ICO_SIZES.map((size) => {
      const rgba = renderIcon(size);
      return { size, data: size >= 256 ? encodePng(rgba, size, size) : encodeIcoBitmap(rgba, size) };
    }),
  );
}

export function writeIcons(buildDir: string): string[] {
  fs.mkdirSync(buildDir, { recursive: true });
  const files = { 'icon.png': iconPng(), 'icon.ico': iconIco() };
  return Object.entries(files).map(([name, data]) => {
    const file = path.join(buildDir, name);
    fs.writeFileSync(file, data);
    return file;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  for (const file of writeIcons(path.resolve(import.meta.dirname, '../../build'))) console.warn(`wrote ${file}`);
}
