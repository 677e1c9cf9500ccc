/**
 * Where the window may go. Everything compares parsed `URL.origin`s: a prefix test such as
 * `url.startsWith('http://127.0.0.1:3000')` also accepts `http://127.0.0.1:30000` or
 * `http://127.0.0.1:3000.evil.example` (Electron security checklist, item 13).
 */

/** The origin of a URL, or null when it does not parse or has no network origin (`about:`, `data:`). */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function isSameOrigin(url: string, origin: string): boolean {
  return originOf(url) === origin;
}

/** Only plain web links may reach the system browser: never `file:`, `javascript:`, custom protocol handlers or UNC paths. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

export type LinkDecision = 'stay' | 'open-externally' | 'refuse';

/** A navigation of the window itself: stays inside the control plane, or leaves it for the system browser. */
export function decideNavigation(url: string, origin: string): LinkDecision {
  if (isSameOrigin(url, origin)) return 'stay';
  return isExternalWebUrl(url) ? 'open-externally' : 'refuse';
}

/**
 * `window.open` and `target=_blank`: the shell has one window, so even our own pages (the API docs)
 * open in the system browser rather than in a second, unguarded Electron window.
 */
export function decideWindowOpen(url: string): Exclude<LinkDecision, 'stay'> {
  return isExternalWebUrl(url) ? 'open-externally' : 'refuse';
}

/** An HTTP request or WebSocket handshake bound for the control plane (`ws://host:port` is the twin of `http://host:port`). */
export function isControlPlaneRequest(url: string, origin: string): boolean {
  try {
    const parsed = new URL(url);
    const scheme = parsed.protocol === 'ws:' ? 'http:' : parsed.protocol === 'wss:' ? 'https:' : parsed.protocol;
    return `${scheme}//${parsed.host}` === origin;
  } catch {
    return false;
  }
}

/** Chromium URL-match patterns covering one http origin and its WebSocket twin, for webRequest filters. */
export function requestPatterns(origin: string): string[] {
  const url = new URL(origin);
  const wsScheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [`${origin}/*`, `${wsScheme}//${url.host}/*`];
}
