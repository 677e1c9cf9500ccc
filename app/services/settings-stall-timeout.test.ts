import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManagerSettings, ManagerSettingsPatch } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDatabase, type Store } from '../store/index.ts';
import { SettingsService } from './settings-service.ts';

let dir: string;
let store: Store;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-settings-'));
  store = createStore(openDatabase(dir));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Settings as a manager stored them before steamcmdStallTimeoutSec existed. */
const older = {
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
};

describe('steamcmdStallTimeoutSec', () => {
  it('accepts whole seconds from one minute to one day in a PATCH body', () => {
    expect(ManagerSettingsPatch.safeParse({ steamcmdStallTimeoutSec: 60 }).success).toBe(true);
    expect(ManagerSettingsPatch.safeParse({ steamcmdStallTimeoutSec: 86400 }).success).toBe(true);
    for (const bad of [59, 86401, 90.5, '600', null]) {
      expect(ManagerSettingsPatch.safeParse({ steamcmdStallTimeoutSec: bad }).success).toBe(false);
    }
  });

  it('is 10 minutes where settings were stored before it existed, and keeps a value that is set', () => {
    expect(ManagerSettings.parse(older).steamcmdStallTimeoutSec).toBe(600);
    store.settings.setMany(older);
    const settings = new SettingsService(store, ManagerSettings.parse(older));
    expect(settings.get().steamcmdStallTimeoutSec).toBe(600);
    settings.update({ steamcmdStallTimeoutSec: 1800 });
    expect(new SettingsService(store, ManagerSettings.parse(older)).get().steamcmdStallTimeoutSec).toBe(1800);
  });
});
