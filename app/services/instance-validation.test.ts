import { InstanceSettings } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../domain/app-error.ts';
import { mergeSettings } from './instance-validation.ts';

describe('mergeSettings', () => {
  it('accepts an unrelated change to settings that stored a switch as an extra flag, and makes it the switch', () => {
    const stored = {
      ...InstanceSettings.parse({ adminPassword: 'Adm1n' }),
      extraDashArgs: ['-servergamelog', '-culture=de'],
    };
    expect(mergeSettings(stored, { maxPlayers: 10 })).toMatchObject({
      maxPlayers: 10,
      serverGameLog: true,
      extraDashArgs: ['-culture=de'],
    });
  });

  it('refuses a mod in both lists, naming settings.passiveMods', () => {
    const stored = InstanceSettings.parse({ adminPassword: 'Adm1n', mods: ['928597'] });
    try {
      mergeSettings(stored, { passiveMods: ['928597'] });
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err) && (err.details as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual([
        'settings.passiveMods',
      ]);
    }
  });
});
