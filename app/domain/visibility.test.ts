import type { FirewallState } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { isVisible, multiHomeOf, visibilityChecks, type VisibilityFacts } from './visibility.ts';

const openFirewall: FirewallState = {
  instanceId: 'i',
  backend: 'windows',
  status: 'open',
  message: '',
  command: null,
  rules: [{ name: 'g', purpose: 'game', protocol: 'UDP', port: 7777, present: true, enabled: true }],
};
const entry = {
  name: 'Home',
  ip: '203.0.113.10',
  port: 7777,
  map: 'TheIsland_WP',
  players: 1,
  maxPlayers: 70,
  platform: 'All',
  buildId: '82.16',
  hasPassword: false,
};

const facts = (over: Partial<VisibilityFacts> = {}): VisibilityFacts => ({
  status: 'RUNNING',
  gamePort: 7777,
  sessionName: 'Home',
  multiHome: null,
  hostAddresses: ['127.0.0.1', '192.168.0.10'],
  platforms: [],
  listening: { byServer: ['0.0.0.0'], byOther: false },
  firewall: openFirewall,
  list: { url: 'http://list', error: null, entry, sameNameOtherPort: [] },
  ...over,
});
const byId = (f: VisibilityFacts) => Object.fromEntries(visibilityChecks(f).map((c) => [c.id, c]));

describe('visibility checks', () => {
  it('passes everything for a running, listening, allowed and listed server', () => {
    const checks = visibilityChecks(facts());
    expect(checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(isVisible(checks)).toBe(true);
    expect(byId(facts())['server-list']?.message).toContain('203.0.113.10:7777');
  });

  it('a stopped server: start it; listening and the list are not blamed', () => {
    const c = byId(
      facts({
        status: 'STOPPED',
        listening: null,
        list: { url: 'u', error: null, entry: null, sameNameOtherPort: [] },
      }),
    );
    expect(c['process']).toMatchObject({ status: 'fail', fix: 'Start it, then check again.' });
    expect(c['listening']?.status).toBe('skip');
    expect(c['server-list']?.status).toBe('skip');
  });

  it('not listening: certificates and the log; another process: free the port', () => {
    expect(byId(facts({ listening: { byServer: [], byOther: false } }))['listening']).toMatchObject({
      status: 'fail',
      fix: /certificates/,
    });
    expect(byId(facts({ listening: { byServer: [], byOther: true } }))['listening']?.message).toMatch(
      /Another process/,
    );
  });

  it('a missing or disabled firewall rule fails with the button to press', () => {
    const closed = {
      ...openFirewall,
      status: 'closed' as const,
      rules: [{ ...openFirewall.rules[0]!, present: false, enabled: false }],
    };
    expect(byId(facts({ firewall: closed }))['firewall']).toMatchObject({ status: 'fail', fix: /Open the game port/ });
    const disabled = { ...closed, rules: [{ ...openFirewall.rules[0]!, enabled: false }] };
    expect(byId(facts({ firewall: disabled }))['firewall']?.message).toMatch(/disabled/);
    const none = {
      ...closed,
      status: 'unavailable' as const,
      backend: 'none' as const,
      message: 'No managed firewall detected',
    };
    expect(byId(facts({ firewall: none }))['firewall']?.status).toBe('skip');
  });

  it('a MultiHome address this host does not have fails, naming the addresses it has', () => {
    expect(multiHomeOf(['MultiHome=10.9.9.9', 'Other=1'])).toBe('10.9.9.9');
    expect(multiHomeOf(['multihome='])).toBeNull();
    const c = byId(facts({ multiHome: '10.9.9.9' }))['multihome'];
    expect(c).toMatchObject({ status: 'fail', fix: /192\.168\.0\.10/ });
    expect(byId(facts({ multiHome: '192.168.0.10' }))['multihome']?.status).toBe('pass');
    expect(byId(facts({ multiHome: '0.0.0.0' }))['multihome']?.status).toBe('pass');
  });

  it('not listed: router port forwarding and the in-game filters; platform limits named', () => {
    const notListed = { url: 'u', error: null, entry: null, sameNameOtherPort: [] };
    const c = byId(facts({ list: notListed, platforms: ['PC', 'XSX'] }))['server-list'];
    expect(c).toMatchObject({ status: 'fail', fix: /Forward UDP 7777 on your router/ });
    expect(c?.fix).toMatch(/only PC, XSX players/);
    expect(isVisible(visibilityChecks(facts({ list: notListed })))).toBe(false);
  });

  it('listed with another port: the router rewrites it, or the name is not unique', () => {
    const c = byId(
      facts({ list: { url: 'u', error: null, entry: null, sameNameOtherPort: [{ ...entry, port: 7790 }] } }),
    )['server-list'];
    expect(c).toMatchObject({ status: 'fail', message: /port 7790, not on the game port 7777/ });
  });

  it('an unreadable list is a warning pointing at the setting', () => {
    const c = byId(facts({ list: { url: 'http://x', error: 'HTTP 503', entry: null, sameNameOtherPort: [] } }))[
      'server-list'
    ];
    expect(c).toMatchObject({ status: 'warn', fix: /serverListUrl/ });
  });
});
