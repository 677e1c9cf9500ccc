/**
 * The window's fences (the Electron security checklist, https://www.electronjs.org/docs/latest/tutorial/security): navigation and new
 * windows locked to the control plane's origin, no <webview>, permissions denied, a CSP on every
 * page, and the access token added to requests by the shell so it never enters the page.
 */
import type { SessionPort, ShellLogger, ShellPort, WebContentsPort } from './electron-facade.ts';
import {
  decideNavigation,
  decideWindowOpen,
  isControlPlaneRequest,
  isSameOrigin,
  originOf,
  requestPatterns,
  type LinkDecision,
} from './origin-guard.ts';

export interface GuardDeps {
  /** The control plane's origin, e.g. `http://127.0.0.1:3000`. */
  origin: string;
  shell: ShellPort;
  logger: ShellLogger;
}

/** Locks one window's web contents to the control plane's origin. */
export function guardWebContents(contents: WebContentsPort, deps: GuardDeps): void {
  const leave = (url: string, decision: Exclude<LinkDecision, 'stay'>) => {
    if (decision === 'refuse') {
      deps.logger.warn({ url }, 'refused to open a non-web URL');
      return;
    }
    deps.shell
      .openExternal(url)
      .catch((err: unknown) => deps.logger.warn({ err, url }, 'could not open a link in the system browser'));
  };
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, deps.origin);
    if (decision === 'stay') return;
    event.preventDefault();
    leave(event.url, decision);
  });
  // A redirect is the server's doing, not a click: it is never followed off the origin, nor opened elsewhere.
  contents.on('will-redirect', (event) => {
    if (isSameOrigin(event.url, deps.origin)) return;
    event.preventDefault();
    deps.logger.warn({ url: event.url }, 'refused a redirect away from the control plane');
  });
  contents.setWindowOpenHandler(({ url }) => {
    leave(url, decideWindowOpen(url));
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Permissions the UI may use: writing to the clipboard (its "copy" buttons), from our own origin.
 * Everything else (camera, notifications, geolocation, HID, …) is refused without a prompt.
 */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requester: string, origin: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && originOf(requester) === origin;
}

/**
 * The control plane sends helmet's CSP with every page; this one is only added when a response has
 * none (a route that forgot it), so the window never runs a page without a script policy.
 */
export function fallbackCsp(origin: string): string {
  const wsOrigin = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${wsOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function withCsp(headers: Record<string, string[]> | undefined, origin: string): Record<string, string[]> {
  const next = { ...(headers ?? {}) };
  const has = Object.keys(next).some((name) => name.toLowerCase() === 'content-security-policy');
  if (!has) next['Content-Security-Policy'] = [fallbackCsp(origin)];
  return next;
}

/** Adds the bearer token unless the page already sent credentials of its own. */
export function withAuthorization(headers: Record<string, string>, token: string): Record<string, string> {
  const has = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
  return has ? headers : { ...headers, Authorization: `Bearer ${token}` };
}

export interface SessionGuardDeps {
  origin: string;
  /**
   * The access token the control plane was started with (null when it listens on loopback only and
   * needs none). The shell puts it on requests to the control plane, HTTP and the /ws handshake
   * alike, so the renderer works unchanged when the manager is exposed and no page script, XSS
   * included, can read the token or leak it through a URL.
   */
  token: string | null;
  logger: ShellLogger;
}

export function guardSession(session: SessionPort, deps: SessionGuardDeps): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl ?? '', deps.origin);
    if (!allowed) deps.logger.warn({ permission }, 'refused a permission request');
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, deps.origin),
  );
  const filter = { urls: requestPatterns(deps.origin) };
  session.webRequest.onHeadersReceived(filter, (details, callback) => {
    // Headers are always handed back: some Electron versions dropped them when the callback omitted them.
    if (!isControlPlaneRequest(details.url, deps.origin)) return callback({ responseHeaders: details.responseHeaders });
    callback({ responseHeaders: withCsp(details.responseHeaders, deps.origin) });
  });
  const token = deps.token;
  if (token === null) return;
  session.webRequest.onBeforeSendHeaders(filter, (details, callback) => {
    // The filter already narrows to our origin; the parsed check guards against pattern surprises.
    if (!isControlPlaneRequest(details.url, deps.origin)) return callback({ requestHeaders: details.requestHeaders });
    callback({ requestHeaders: withAuthorization(details.requestHeaders, token) });
  });
}
