import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import type { ModInfo } from '@ark-asa/contracts';
import { createStore, openDatabase } from './index.ts';
import { migrate } from './migrate.ts';
import { migration004 } from './migrations/004-mods-notifications.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { ModsRepo } from './mods-repo.ts';
import { seedAgent } from '../../test/helpers/store-fixtures.ts';

function open() {
  const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'ark-mods-repo-')));
  migrate(db, [...MIGRATIONS.filter((m) => m.version !== 4), migration004]);
  return { repo: new ModsRepo(db), store: createStore(db) };
}

const AT = '2025-03-01T12:00:00.000Z';
const info: ModInfo = {
  modId: '928597',
  name: 'Dino Depot',
  summary: 'Store your dinos',
  authors: ['Ark Modder'],
  logoUrl: 'https://media.forgecdn.net/t.png',
  websiteUrl: 'https://www.curseforge.com/ark-survival-ascended/mods/dino-depot',
  latestFileId: '6040989',
  latestFileName: 'DinoDepot-1.4',
  latestFileDate: AT,
  currentFileIds: ['6040989', '6040990'],
  fetchedAt: AT,
  unknown: false,
};

describe('ModsRepo', () => {
  it('caches mod details and replaces them on the next fetch', () => {
    const { repo } = open();
    repo.upsertMany([info, { ...info, modId: '5', name: null, authors: [], unknown: true }]);
    expect(repo.getMany(['928597', '5', '77'])).toEqual(
      new Map([
        ['928597', info],
        ['5', { ...info, modId: '5', name: null, authors: [], unknown: true }],
      ]),
    );
    repo.upsertMany([{ ...info, latestFileId: '6050000' }]);
    expect(repo.getMany(['928597']).get('928597')?.latestFileId).toBe('6050000');
    expect(repo.getMany([])).toEqual(new Map());
  });

  it('keeps one API key, replaced or removed', () => {
    const { repo } = open();
    expect(repo.apiKey()).toBeNull();
    repo.setApiKey('key-one', AT);
    repo.setApiKey('key-two', '2025-03-02T12:00:00.000Z');
    expect(repo.apiKey()).toEqual({ apiKey: 'key-two', updatedAt: '2025-03-02T12:00:00.000Z' });
    repo.setApiKey(null, AT);
    expect(repo.apiKey()).toBeNull();
  });

  it('remembers the file announced per instance and mod, and forgets it with the instance', () => {
    const { repo, store } = open();
    const agentId = '99999999-9999-4999-8999-999999999999';
    const instanceId = '11111111-1111-4111-8111-111111111111';
    seedAgent(store, agentId);
    const settings = InstanceSettings.parse({ mods: ['928597'] });
    store.instances.insert({
      id: instanceId,
      name: 'Island',
      agentId,
      status: 'STOPPED',
      buildId: null,
      installPath: null,
      settings,
      process: null,
      createdAt: AT,
      updatedAt: AT,
    });
    expect(repo.noticedFile(instanceId, '928597')).toBeNull();
    repo.recordNotice(instanceId, '928597', '6040989', AT);
    repo.recordNotice(instanceId, '928597', '6050000', AT);
    expect(repo.noticedFile(instanceId, '928597')).toBe('6050000');
    store.instances.delete(instanceId);
    expect(repo.noticedFile(instanceId, '928597')).toBeNull();
  });
});
