import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderIcon } from './icon-art.ts';
import { crc32, encodeIco, encodePng, PNG_SIGNATURE } from './image-codecs.ts';
import { ICO_SIZES, PNG_SIZE } from './make-icons.ts';

const BUILD = path.resolve(import.meta.dirname, '../../build');

/** Decodes the PNGs this project writes (8-bit RGBA, filter 0) back to pixels. */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

function readIco(ico: Buffer): { size: number; data: Buffer }[] {
  expect(ico.readUInt16LE(2)).toBe(1);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const e = 6 + i * 16;
    const size = ico[e] === 0 ? 256 : ico[e]!;
    return { size, data: ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8)) };
  });
}

/** Largest per-channel difference: Math.sin/pow may differ in the last bit between V8 versions. */
function maxDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('icon codecs', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes PNGs that decode to the same pixels', () => {
    const rgba = Buffer.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
    expect(decodePng(encodePng(rgba, 2, 2))).toEqual({ width: 2, height: 2, rgba });
  });

  it('writes an ICO directory with 0 meaning 256 px', () => {
    const ico = encodeIco([
      { size: 16, data: Buffer.from('a') },
      { size: 256, data: Buffer.from('bc') },
    ]);
    expect(readIco(ico)).toEqual([
      { size: 16, data: Buffer.from('a') },
      { size: 256, data: Buffer.from('bc') },
    ]);
  });
});

describe('the committed icons', () => {
  it('build/icon.png is the 512 px rendering of icon-art.ts (run make-icons.ts after changing the art)', () => {
    const png = decodePng(fs.readFileSync(path.join(BUILD, 'icon.png')));
    expect([png.width, png.height]).toEqual([PNG_SIZE, PNG_SIZE]);
    expect(maxDifference(png.rgba, renderIcon(PNG_SIZE))).toBeLessThanOrEqual(1);
  });

  it('build/icon.ico holds every Windows size, 256 px as PNG and the small ones as bitmaps', () => {
    const images = readIco(fs.readFileSync(path.join(BUILD, 'icon.ico')));
    expect(images.map((i) => i.size)).toEqual(ICO_SIZES);
    for (const { size, data } of images) {
      if (size === 256) {
        expect(maxDifference(decodePng(data).rgba, renderIcon(256))).toBeLessThanOrEqual(1);
      } else {
        expect(data.readUInt32LE(0)).toBe(40);
        expect([data.readInt32LE(4), data.readInt32LE(8), data.readUInt16LE(14)]).toEqual([size, size * 2, 32]);
      }
    }
  });

  it('is transparent outside the tile and amber on the claws', () => {
    const rgba = renderIcon(64);
    const at = (x: number, y: number) => [...rgba.subarray((y * 64 + x) * 4, (y * 64 + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    const [r, g, b, a] = at(32, 32);
    expect(a).toBe(255);
    expect(r!).toBeGreaterThan(200);
    expect(g!).toBeGreaterThan(100);
    expect(b!).toBeLessThan(80);
  });
});
