import { InstanceSettings } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../app-error.ts';
import { IniDocument } from './ini-document.ts';
import { applyManagedSettings, MANAGED_GUS_KEYS } from './managed-settings.ts';

const settings = InstanceSettings.parse({
  sessionName: 'Ark Knights – Östra',
  gamePort: 7790,
  rconPort: 32330,
  maxPlayers: 20,
  adminPassword: 'Adm1n!pw',
  serverPassword: '',
  mods: ['928597'],
});

const GUS = [
  '\uFEFF[ServerSettings]',
  'ActiveMods=111,222',
  'RCONEnabled=False',
  'ServerPassword=oldsecret',
  'DifficultyOffset=0.200000',
  'ServerAdminPassword=first',
  'ServerAdminPassword=stale-duplicate',
  '; keep me',
  '',
  '[SessionSettings]',
  'SessionName=ARK #596393',
  'QueryPort=27015',
  '',
  '[MessageOfTheDay]',
  'Message=Welcome',
  'Duration=20',
  '',
].join('\r\n');

describe('applyManagedSettings', () => {
  it('writes the managed keys and leaves every other line as it was', () => {
    const doc = IniDocument.parse(GUS);
    expect(applyManagedSettings(doc, settings)).toBe(true);
    expect(doc.toString()).toBe(
      [
        '\uFEFF[ServerSettings]',
        'ActiveMods=111,222',
        'RCONEnabled=True',
        'ServerPassword=',
        'DifficultyOffset=0.200000',
        'ServerAdminPassword=Adm1n!pw',
        'RCONPort=32330',
        '; keep me',
        '',
        '[SessionSettings]',
        'SessionName=Ark Knights – Östra',
        'QueryPort=27015',
        'Port=7790',
        '',
        '[MessageOfTheDay]',
        'Message=Welcome',
        'Duration=20',
        '',
        '[/Script/Engine.GameSession]',
        'MaxPlayers=20',
        '',
      ].join('\r\n'),
    );
  });

  it('reports no change the second time, so the file need not be rewritten', () => {
    const doc = IniDocument.parse(GUS);
    applyManagedSettings(doc, settings);
    const once = doc.toString();
    expect(applyManagedSettings(doc, settings)).toBe(false);
    expect(doc.toString()).toBe(once);
  });

  it('builds a complete file from nothing', () => {
    const doc = IniDocument.parse('');
    applyManagedSettings(doc, { ...settings, serverPassword: 'join-me' });
    for (const { section, key } of MANAGED_GUS_KEYS) expect(doc.getAll(section, key)).toHaveLength(1);
    expect(doc.get('ServerSettings', 'ServerPassword')).toBe('join-me');
    expect(doc.get('/script/engine.gamesession', 'maxplayers')).toBe('20');
    expect(doc.toString().startsWith('[ServerSettings]\r\nRCONEnabled=True\r\n')).toBe(true);
  });

  it('refuses to enable RCON without an admin password', () => {
    const doc = IniDocument.parse(GUS);
    let code: unknown;
    try {
      applyManagedSettings(doc, { ...settings, adminPassword: '' });
    } catch (err) {
      code = isAppError(err) ? err.code : err;
    }
    expect(code).toBe('validation-failed');
    expect(doc.toString()).toBe(GUS);
  });
});
