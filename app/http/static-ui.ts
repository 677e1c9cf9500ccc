import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';

export interface StaticUiOptions {
  /** How long one look for index.html is trusted (ms); a build finishing meanwhile shows up after it. */
  recheckMs?: number;
}

/** fs.existsSync at most once per `recheckMs`: requests for every asset must not each hit the disk twice. */
function indexProbe(index: string, recheckMs: number): () => boolean {
  let checkedAt = Number.NEGATIVE_INFINITY;
  let present = false;
  return () => {
    const now = Date.now();
    if (now - checkedAt >= recheckMs) {
      present = fs.existsSync(index);
      checkedAt = now;
    }
    return present;
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** What `/` says when the manager runs from a clone whose UI was never built. */
export function notBuiltPage(staticDir: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ARK ASA Server Manager: the UI is not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#8882;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>The UI is not built</h1>
<p>The manager runs and its API answers under <code>/api/v1</code>, but there is no web interface in <code>${escapeHtml(staticDir)}</code>.</p>
<p>Run <code>npm run build:ui</code> in the project folder, then reload this page: no restart needed.</p>
<p>(<code>npm run demo</code> builds it by itself.)</p></body></html>
`;
}

const SUFFIX = { br: '.br', gzip: '.gz' } as const;

/**
 * Sends `x.br` or `x.gz`, written beside `x` by the UI build, to a browser that accepts it: a remote
 * browser gets the UI in about a quarter of the bytes, and nothing is compressed per request. A file
 * without such a copy (a small one, a build made before) goes on to the plain files.
 */
function precompressedFiles(staticDir: string): RequestHandler {
  return (req, res, next) => {
    // Only files (the UI's routes have no extension, and go on to index.html): which of them have
    // copies is the build's choice (renderer/precompress.ts); one without goes on to the plain file.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || path.extname(req.path) === '') return next();
    // Caches must keep the answers for each Accept-Encoding apart, the plain one too.
    res.vary('Accept-Encoding');
    // Brotli when accepted at all (browsers list gzip first, with the same weight): it is smaller.
    const encoding = req.acceptsEncodings('br') || req.acceptsEncodings('gzip');
    if (encoding !== 'br' && encoding !== 'gzip') return next();
    // The type of `x`, not of `x.gz` (send keeps a type already set); the same if `x` is sent instead.
    res.type(path.extname(req.path));
    const headers = { 'Content-Encoding': encoding };
    // `root` makes send refuse a path that climbs out of the folder, as express.static does.
    res.sendFile(`${req.path.slice(1)}${SUFFIX[encoding]}`, { root: staticDir, maxAge: '1h', headers }, (err) => {
      if (!err) return;
      if (res.headersSent) return next(err);
      // No copy: whatever answers next (the file, or index.html for a path that is none) sets its own type.
      res.removeHeader('Content-Type');
      next();
    });
  };
}

/**
 * Serves the built UI (renderer/dist) with an SPA fallback to index.html. The folder is looked at
 * per request (cheaply), so a UI built while the manager runs is served without a restart, and a
 * manager without one says so on every page with the fix instead of a JSON 404. With no
 * `staticDir` (an API-only manager) nothing is mounted.
 */
export function mountStaticUi(app: Express, staticDir: string | null | undefined, opts: StaticUiOptions = {}): void {
  if (!staticDir) return;
  const index = path.join(staticDir, 'index.html');
  const built = indexProbe(index, opts.recheckMs ?? 1000);
  const compressed = precompressedFiles(staticDir);
  const plain = express.static(staticDir, { index: false, maxAge: '1h' });
  app.use((req, res, next) => {
    if (!built()) return next();
    compressed(req, res, () => void plain(req, res, next));
  });
  app.get('/{*splat}', (req, res, next) => {
    if (req.path.startsWith('/api/')) return next();
    if (built()) return res.sendFile(index);
    res.status(503).type('html').set('cache-control', 'no-store').send(notBuiltPage(staticDir));
  });
}
