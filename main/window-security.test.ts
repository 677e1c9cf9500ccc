import { describe, expect, it } from 'vitest';
import { FakeSession, FakeShell, FakeWebContents, memoryLogger } from './testing/fake-electron.ts';
import { FakeEvent } from './testing/fake-emitter.ts';
import { fallbackCsp, guardSession, guardWebContents, withAuthorization, withCsp } from './window-security.ts';

const ORIGIN = 'http://127.0.0.1:3000';

function guarded() {
  const contents = new FakeWebContents(1);
  const shell = new FakeShell();
  const logger = memoryLogger();
  guardWebContents(contents, { origin: ORIGIN, shell, logger });
  return { contents, shell, logger };
}

describe('navigation guards', () => {
  it('lets the UI move inside the control plane', () => {
    const { contents, shell } = guarded();
    expect(contents.navigate('http://127.0.0.1:3000/instances/abc')).toBe(true);
    expect(shell.external).toEqual([]);
  });

  it('keeps the window on the control plane and opens web links in the system browser', () => {
    const { contents, shell } = guarded();
    expect(contents.navigate('https://ark.wiki.gg/wiki/Server_configuration')).toBe(false);
    expect(contents.navigate('http://127.0.0.1.evil.example:3000/')).toBe(false);
    expect(shell.external).toEqual([
      'https://ark.wiki.gg/wiki/Server_configuration',
      'http://127.0.0.1.evil.example:3000/',
    ]);
  });

  it('refuses non-web targets without handing them to the OS', () => {
    const { contents, shell, logger } = guarded();
    expect(contents.navigate('file:///C:/Windows/System32/cmd.exe')).toBe(false);
    expect(contents.navigate('ms-msdt:/id PCWDiagnostic')).toBe(false);
    expect(shell.external).toEqual([]);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
  });

  it('never follows a redirect off the origin, and does not open it either', () => {
    const { contents, shell } = guarded();
    expect(contents.redirect('http://127.0.0.1:3000/login')).toBe(true);
    expect(contents.redirect('https://evil.example/')).toBe(false);
    expect(shell.external).toEqual([]);
  });

  it('denies every new window and sends web links to the system browser', () => {
    const { contents, shell } = guarded();
    expect(contents.openWindow('https://github.com/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('http://127.0.0.1:3000/api/v1/docs')).toEqual({ action: 'deny' });
    expect(contents.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(shell.external).toEqual(['https://github.com/', 'http://127.0.0.1:3000/api/v1/docs']);
  });

  it('refuses <webview> tags', () => {
    const { contents } = guarded();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('session guards', () => {
  function session(token: string | null) {
    const s = new FakeSession();
    guardSession(s, { origin: ORIGIN, token, logger: memoryLogger() });
    return s;
  }

  it('denies permissions, except clipboard writes from the control plane', () => {
    const s = session(null);
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'openExternal', 'clipboard-read']) {
      expect(s.requestPermission(permission, `${ORIGIN}/`), permission).toBe(false);
    }
    expect(s.requestPermission('clipboard-sanitized-write', `${ORIGIN}/instances`)).toBe(true);
    expect(s.requestPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(s.checkHandler?.(null, 'clipboard-sanitized-write', ORIGIN)).toBe(true);
    expect(s.checkHandler?.(null, 'media', ORIGIN)).toBe(false);
  });

  it('adds a CSP only where the control plane sent none', () => {
    const s = session(null);
    expect(s.headersReceived?.urls).toEqual(['http://127.0.0.1:3000/*', 'ws://127.0.0.1:3000/*']);
    const helmet = { 'content-security-policy': ["default-src 'self'"] };
    expect(s.receive({ url: `${ORIGIN}/`, responseHeaders: helmet })).toEqual(helmet);
    const added = s.receive({ url: `${ORIGIN}/forgotten`, responseHeaders: { 'content-type': ['text/html'] } });
    expect(added?.['Content-Security-Policy']).toEqual([fallbackCsp(ORIGIN)]);
    expect(s.receive({ url: 'https://elsewhere.example/', responseHeaders: { a: ['b'] } })).toEqual({ a: ['b'] });
  });

  it('puts the access token on HTTP and WebSocket requests to the control plane only', () => {
    const s = session('a-long-secret-token-1234');
    expect(s.beforeSend?.urls).toEqual(['http://127.0.0.1:3000/*', 'ws://127.0.0.1:3000/*']);
    expect(s.send({ url: `${ORIGIN}/api/v1/instances`, requestHeaders: { Accept: 'application/json' } })).toEqual({
      Accept: 'application/json',
      Authorization: 'Bearer a-long-secret-token-1234',
    });
    expect(s.send({ url: 'ws://127.0.0.1:3000/ws', requestHeaders: {} })).toEqual({
      Authorization: 'Bearer a-long-secret-token-1234',
    });
    expect(s.send({ url: 'http://127.0.0.1:3001/', requestHeaders: {} })).toEqual({});
  });

  it('leaves requests alone when the control plane needs no token', () => {
    const s = session(null);
    expect(s.beforeSend).toBeNull();
  });
});

describe('header helpers', () => {
  it('keep credentials the page sent itself', () => {
    expect(withAuthorization({ authorization: 'Bearer other' }, 't')).toEqual({ authorization: 'Bearer other' });
  });

  it('build a CSP without inline scripts or plugins', () => {
    const csp = fallbackCsp(ORIGIN);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:3000");
    expect(withCsp(undefined, ORIGIN)).toEqual({ 'Content-Security-Policy': [csp] });
  });
});
