import { describe, expect, it } from 'vitest';
import { rconDialHost } from './rcon-address.ts';

describe('rconDialHost', () => {
  it('dials loopback when the server binds every interface', () => {
    expect(rconDialHost([])).toBe('127.0.0.1');
    expect(rconDialHost(['AllowFlyerCarryPvE=True'])).toBe('127.0.0.1');
    expect(rconDialHost(['MultiHome=0.0.0.0'])).toBe('127.0.0.1');
  });

  it('dials the MultiHome address, whatever the key case', () => {
    expect(rconDialHost(['MultiHome=192.168.1.20'])).toBe('192.168.1.20');
    expect(rconDialHost(['multihome=10.0.0.5', 'Other=1'])).toBe('10.0.0.5');
    expect(rconDialHost(['MultiHome=fd00::5'])).toBe('fd00::5');
  });

  it('ignores a MultiHome that is not an address', () => {
    expect(rconDialHost(['MultiHome=myhost', 'MultiHome'])).toBe('127.0.0.1');
  });
});
