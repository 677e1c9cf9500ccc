import { describe, expect, it } from 'vitest';
import { SECRET_MASK, type ManagerSettings } from '@ark-asa/contracts';
import { buildPatch, generateToken, portDescription } from './settings-draft.ts';

const stored: ManagerSettings = {
  steamcmdPath: null,
  dataRoot: '/srv/ark',
  bindHost: '127.0.0.1',
  port: 3000,
  accessToken: null,
  heartbeatIntervalSec: 10,
  jobConcurrency: 2,
  crashRestartMaxAttempts: 3,
  crashRestartWindowMinutes: 10,
  logRetentionLines: 5000,
  steamcmdStallTimeoutSec: 600,
  linuxRunner: null,
  serverListUrl: 'https://cdn2.arkdedicated.com/servers/asa/unofficialserverlist.json',
  wsMaxClients: 200,
  wsMaxClientsPerAddress: 20,
};

describe('buildPatch', () => {
  it('sends only what changed, and nothing for an untouched form', () => {
    expect(buildPatch(stored, {}, undefined)).toEqual({ patch: {}, errors: {} });
    expect(buildPatch(stored, { port: 3000, jobConcurrency: '4' }, undefined).patch).toEqual({ jobConcurrency: 4 });
  });

  it('turns an emptied SteamCMD path into null and trims paths', () => {
    const withPath = { ...stored, steamcmdPath: '/usr/games/steamcmd' };
    expect(buildPatch(withPath, { steamcmdPath: '  ' }, undefined).patch).toEqual({ steamcmdPath: null });
    expect(buildPatch(stored, { dataRoot: ' /data/ark ' }, undefined).patch).toEqual({ dataRoot: '/data/ark' });
  });

  it('reports schema errors by field, with the contract messages', () => {
    const { errors, patch } = buildPatch(stored, { dataRoot: 'relative/dir', port: '' }, undefined);
    expect(patch).toEqual({});
    expect(errors.port).toBe('Enter a number');
    expect(errors.dataRoot).toMatch(/absolute path/);
  });

  it('asks for a token before exposing the manager to the network', () => {
    expect(buildPatch(stored, { bindHost: '0.0.0.0' }, undefined).errors.accessToken).toMatch(/access token/);
    const token = generateToken();
    expect(buildPatch(stored, { bindHost: '0.0.0.0' }, token)).toEqual({
      patch: { bindHost: '0.0.0.0', accessToken: token },
      errors: {},
    });
    // A stored token comes back masked; it counts as set, and is not sent back.
    expect(buildPatch({ ...stored, accessToken: SECRET_MASK }, { bindHost: '0.0.0.0' }, undefined).errors).toEqual({});
    expect(
      buildPatch({ ...stored, bindHost: '0.0.0.0', accessToken: SECRET_MASK }, {}, null).errors.accessToken,
    ).toBeDefined();
  });
});

describe('generateToken', () => {
  it('makes 32 unambiguous characters the API accepts, different each time', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-HJ-NP-Za-km-z2-9]{32}$/);
    expect(generateToken()).not.toBe(a);
  });
});

describe('the port in effect', () => {
  it('says which port this session uses and when the saved one applies', () => {
    expect(portDescription(3000, { port: '3741', protocol: 'http:' })).toContain(
      'In effect: 3741 (this session). Saved: 3000 (applies at the next start).',
    );
    expect(portDescription(3741, { port: '3741', protocol: 'http:' })).toMatch(/In effect: 3741\.$/);
    expect(portDescription(80, { port: '', protocol: 'http:' })).toMatch(/In effect: 80\.$/);
  });
});
