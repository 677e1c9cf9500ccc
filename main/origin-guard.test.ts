import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  decideWindowOpen,
  isControlPlaneRequest,
  isExternalWebUrl,
  isSameOrigin,
  originOf,
  requestPatterns,
} from './origin-guard.ts';

const ORIGIN = 'http://127.0.0.1:3000';

describe('origin checks', () => {
  it('accepts only the exact origin, not look-alikes a prefix test would let through', () => {
    expect(isSameOrigin('http://127.0.0.1:3000/instances/1?tab=logs', ORIGIN)).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:3000', ORIGIN)).toBe(true);
    for (const url of [
      'http://127.0.0.1:30000/',
      'http://127.0.0.1:3000.evil.example/',
      'http://127.0.0.1:3000@evil.example/',
      'https://127.0.0.1:3000/',
      'http://localhost:3000/',
      'http://127.0.0.2:3000/',
      'file:///C:/Windows/System32/calc.exe',
      'not a url',
    ]) {
      expect(isSameOrigin(url, ORIGIN), url).toBe(false);
    }
  });

  it('has no origin for opaque URLs', () => {
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('data:text/html,hi')).toBeNull();
    expect(originOf('javascript:alert(1)')).toBeNull();
  });

  it('lets only http(s) links with a host reach the system browser', () => {
    expect(isExternalWebUrl('https://survivetheark.com/')).toBe(true);
    expect(isExternalWebUrl('http://192.168.1.20:8080/')).toBe(true);
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ms-settings:privacy',
      'steam://run/2430930',
      'smb://server/share',
      'mailto:a@b.c',
      '\\\\server\\share',
      'https:',
    ]) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });

  it('keeps in-app navigation, sends web links out and refuses the rest', () => {
    expect(decideNavigation('http://127.0.0.1:3000/builds', ORIGIN)).toBe('stay');
    expect(decideNavigation('https://github.com/', ORIGIN)).toBe('open-externally');
    expect(decideNavigation('file:///C:/', ORIGIN)).toBe('refuse');
    // New windows never open inside the app, not even for our own pages.
    expect(decideWindowOpen('http://127.0.0.1:3000/api/v1/docs')).toBe('open-externally');
    expect(decideWindowOpen('javascript:void(0)')).toBe('refuse');
  });

  it('recognises the /ws handshake as a control plane request', () => {
    expect(isControlPlaneRequest('ws://127.0.0.1:3000/ws', ORIGIN)).toBe(true);
    expect(isControlPlaneRequest('http://127.0.0.1:3000/api/v1/instances', ORIGIN)).toBe(true);
    expect(isControlPlaneRequest('wss://127.0.0.1:3000/ws', ORIGIN)).toBe(false);
    expect(isControlPlaneRequest('ws://127.0.0.1:3001/ws', ORIGIN)).toBe(false);
    expect(isControlPlaneRequest('https://api.github.com/', ORIGIN)).toBe(false);
    expect(requestPatterns(ORIGIN)).toEqual(['http://127.0.0.1:3000/*', 'ws://127.0.0.1:3000/*']);
    expect(requestPatterns('http://[::1]:3000')).toEqual(['http://[::1]:3000/*', 'ws://[::1]:3000/*']);
  });
});
