/**
 * The app icon, drawn in code so it needs no design tool and renders crisply at every size the
 * Windows .ico wants: three amber claw slashes (a raptor's swipe) on a slate tile. Shapes are
 * signed distances in a unit square, anti-aliased by one pixel, so 16 px and 512 px come from the
 * same geometry.
 */

type Rgb = readonly [number, number, number];
type Vec = readonly [number, number];

const SLATE_TOP: Rgb = [0x33, 0x41, 0x55];
const SLATE_BOTTOM: Rgb = [0x0f, 0x17, 0x2a];
const AMBER: readonly Rgb[] = [
  [0xfd, 0xe6, 0x8a],
  [0xf5, 0x9e, 0x0b],
  [0xb4, 0x53, 0x09],
];

const TILE_INSET = 0.04;
const TILE_RADIUS = 0.2;
const RIM_WIDTH = 0.014;

interface Slash {
  center: Vec;
  radius: number;
  from: number;
  sweep: number;
  halfWidth: number;
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t)];
}

function amberAt(t: number): Rgb {
  return t < 0.5 ? mix(AMBER[0]!, AMBER[1]!, t * 2) : mix(AMBER[1]!, AMBER[2]!, (t - 0.5) * 2);
}

/** A circular arc through two points, bulging by `sagitta` to the right of the direction from `a` to `b`. */
function slash(a: Vec, b: Vec, sagitta: number, halfWidth: number): Slash {
  const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const u: Vec = [(b[0] - a[0]) / length, (b[1] - a[1]) / length];
  const bulge: Vec = [u[1], -u[0]];
  const radius = (length * length) / 4 / (2 * sagitta) + sagitta / 2;
  const mid: Vec = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const center: Vec = [mid[0] - bulge[0] * (radius - sagitta), mid[1] - bulge[1] * (radius - sagitta)];
  const from = Math.atan2(a[1] - center[1], a[0] - center[0]);
  const to = Math.atan2(b[1] - center[1], b[0] - center[0]);
  return { center, radius, from, sweep: wrapAngle(to - from), halfWidth };
}

function wrapAngle(a: number): number {
  return Math.atan2(Math.sin(a), Math.cos(a));
}

const SLASHES: Slash[] = [-1, 0, 1].map((i) => {
  const dx = i * 0.185;
  const shorten = Math.abs(i) * 0.06;
  return slash([0.66 + dx, 0.19 + shorten], [0.34 + dx, 0.81 - shorten], 0.055, i === 0 ? 0.06 : 0.05);
});

/** Signed distance to a slash (negative inside) and the position along it (0 at the top). */
function slashDistance(s: Slash, p: Vec): { d: number; t: number } {
  const angle = Math.atan2(p[1] - s.center[1], p[0] - s.center[0]);
  const t = wrapAngle(angle - s.from) / s.sweep;
  if (t <= 0 || t >= 1) return { d: Infinity, t };
  // Tapered at both ends like a claw mark, fullest a little above the middle.
  const width = s.halfWidth * Math.pow(Math.sin(Math.PI * Math.pow(t, 0.8)), 0.7);
  return { d: Math.abs(Math.hypot(p[0] - s.center[0], p[1] - s.center[1]) - s.radius) - width, t };
}

function roundedSquareDistance(p: Vec, inset: number, radius: number): number {
  const half = 0.5 - inset;
  const qx = Math.abs(p[0] - 0.5) - (half - radius);
  const qy = Math.abs(p[1] - 0.5) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Porter-Duff "over" with straight alpha. */
function over(dst: Rgba, color: Rgb, alpha: number): Rgba {
  const a = alpha + dst.a * (1 - alpha);
  if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
  const blend = (c: number, d: number) => (c * alpha + d * dst.a * (1 - alpha)) / a;
  return { r: blend(color[0], dst.r), g: blend(color[1], dst.g), b: blend(color[2], dst.b), a };
}

/** Tray and title-bar sizes: no rim, no shadow and slimmer slashes, or the three run together at 16 px. */
interface Detail {
  small: boolean;
}

function shade(p: Vec, px: number, detail: Detail): Rgba {
  const tile = roundedSquareDistance(p, detail.small ? 0 : TILE_INSET, TILE_RADIUS);
  const tileCover = clamp01(0.5 - tile / px);
  if (tileCover === 0) return { r: 0, g: 0, b: 0, a: 0 };
  let out = over(
    { r: 0, g: 0, b: 0, a: 0 },
    mix(SLATE_TOP, SLATE_BOTTOM, clamp01((p[1] - TILE_INSET) / (1 - 2 * TILE_INSET))),
    tileCover,
  );
  if (!detail.small) {
    const rim = clamp01(0.5 - (Math.abs(tile + RIM_WIDTH) - RIM_WIDTH / 2) / px);
    out = over(out, AMBER[1]!, rim * 0.35 * tileCover);
    const shadowAt: Vec = [p[0] - 0.012, p[1] - 0.02];
    for (const s of SLASHES) {
      const shadow = slashDistance(s, shadowAt);
      out = over(out, [0, 0, 0], clamp01(0.5 - shadow.d / Math.max(px, 0.02)) * 0.4 * tileCover);
    }
  }
  const widen = detail.small ? -px * 0.25 : 0;
  for (const s of SLASHES) {
    const { d, t } = slashDistance(s, p);
    out = over(out, amberAt(clamp01(t)), clamp01(0.5 - (d - widen) / px) * tileCover);
  }
  return out;
}

/** RGBA pixels (row-major, 4 bytes each) of the icon at `size`×`size`. */
export function renderIcon(size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const px = 1 / size;
  const detail = { small: size < 32 };
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const c = shade([(x + 0.5) * px, (y + 0.5) * px], px, detail);
      const i = (y * size + x) * 4;
      pixels[i] = Math.round(c.r);
      pixels[i + 1] = Math.round(c.g);
      pixels[i + 2] = Math.round(c.b);
      pixels[i + 3] = Math.round(c.a * 255);
    }
  }
  return pixels;
}
