// Used by `npm run demo`: a fresh clone (or one whose renderer changed since the last build) gets
// its UI built before the manager starts, so the README's one command shows the UI.
import fs from 'node:fs';
import path from 'node:path';

const RENDERER = path.resolve(import.meta.dirname, '../renderer');
/** What the bundle is made of: the renderer and the contracts it imports. */
const SOURCES = [
  path.join(RENDERER, 'src'),
  path.join(RENDERER, 'public'),
  path.join(RENDERER, 'index.html'),
  path.join(RENDERER, 'vite.config.ts'),
  path.resolve(RENDERER, '../app/contracts/src'),
];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder's time only
  for (const f of fs.readdirSync(entry, { recursive: true, withFileTypes: true })) {
    newest = Math.max(newest, fs.statSync(path.join(f.parentPath, f.name)).mtimeMs);
  }
  return newest;
}

/** Why the UI needs a build, or null when renderer/dist is newer than every source. */
export function uiBuildReason(distDir = path.join(RENDERER, 'dist')): string | null {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) return 'renderer/dist is missing';
  const built = fs.statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built) ? 'renderer/dist is older than the renderer sources' : null;
}

/** Builds the UI with Vite's JS API when needed (the same config as `npm run build:ui`). */
export async function ensureUiBuilt(log: (line: string) => void): Promise<void> {
  const reason = uiBuildReason();
  if (!reason) return;
  log(`Building the UI (${reason}); this takes a minute the first time…`);
  const { build } = await import('vite');
  await build({ configFile: path.join(RENDERER, 'vite.config.ts'), root: RENDERER, logLevel: 'warn' });
  log('UI built into renderer/dist.');
}
