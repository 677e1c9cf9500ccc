import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings, type InstanceStatus } from '@ark-asa/contracts';
import { systemClock, type Clock } from '../../domain/clock.ts';
import { createLogger } from '../../logger.ts';
import { BackupsRepo } from '../../store/backups-repo.ts';
import { createStore, openDatabase, type InstanceRecord, type Store } from '../../store/index.ts';
import { migrate } from '../../store/migrate.ts';
import { migration002 } from '../../store/migrations/002-backups.ts';
import { MIGRATIONS } from '../../store/migrations/index.ts';
import { BackupManager, type BackupSupervisor } from './backup-manager.ts';

/** Shared by the backup tests only: a store with the backups schema, instances with save files. */

export const AGENT_ID = 'a0000000-0000-4000-8000-000000000001';

/** Until migration 002 is in MIGRATIONS, tests apply it themselves (deduplicated, so it works after too). */
export function openBackupStore(dir: string): Store {
  const store = createStore(openDatabase(dir));
  const byVersion = new Map([...MIGRATIONS, migration002].map((m) => [m.version, m]));
  migrate(store.db, [...byVersion.values()]);
  store.agents.upsert({
    id: AGENT_ID,
    name: 'local',
    kind: 'local',
    status: 'ONLINE',
    hostname: 'h',
    platform: process.platform,
    version: '1',
    registeredAt: new Date().toISOString(),
    lastHeartbeatAt: null,
    metrics: null,
  });
  return store;
}

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));

/** A clock whose time only moves when the test sets it (ages of backups); sleeps are real. */
export class SetClock implements Clock {
  constructor(public t = new Date('2026-01-01T00:00:00.000Z').getTime()) {}
  now = () => new Date(this.t);
  sleep = (ms: number, signal?: AbortSignal) => systemClock.sleep(ms, signal);
  advanceDays(days: number): void {
    this.t += days * 86_400_000;
  }
}

export const savedDir = (instanceDir: string) => path.join(instanceDir, 'ShooterGame', 'Saved');

/** Writes files under the instance's ShooterGame/Saved, by `/`-separated entry name. */
export function writeSaved(instanceDir: string, files: Record<string, string | Buffer>): void {
  for (const [entry, content] of Object.entries(files)) {
    const file = path.join(savedDir(instanceDir), ...entry.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function readSaved(instanceDir: string, entry: string): string | null {
  const file = path.join(savedDir(instanceDir), ...entry.split('/'));
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

/** The usual files of a TheIsland_WP server that has run for a while. */
export const ISLAND_FILES: Record<string, string> = {
  'SavedArks/TheIsland_WP/TheIsland_WP.ark': 'world v1',
  'SavedArks/TheIsland_WP/0002214a4a6742d9a347bd449b2dc143.arkprofile': 'profile v1',
  'SavedArks/TheIsland_WP/0002214a4a6742d9a347bd449b2dc143.profilebak': 'profile bak v1',
  'SavedArks/TheIsland_WP/1234567890.arktribe': 'tribe v1',
  'SavedArks/TheIsland_WP/TheIsland_WP_26.11.2025_07.00.00.ark': 'ARK rolling copy',
  'SavedArks/TheIsland_WP/TheIsland_WP_AntiCorruptionBackup.bak': 'anti corruption',
  'SavedArks/TheIsland_WP/TheIsland_WP.ark.tmp': 'half a save',
  'Config/WindowsServer/GameUserSettings.ini': '[ServerSettings]\r\nRCONEnabled=True\r\n',
  'Config/WindowsServer/Game.ini': '[/script/shootergame.shootergamemode]\r\n',
  'Logs/ShooterGame.log': 'log',
  'sim-control.json': '{}',
};

export interface Fixture {
  dir: string;
  dataRoot: string;
  store: Store;
  repo: BackupsRepo;
  clock: SetClock;
  running: Set<string>;
  saves: string[];
  /** Runs inside the fake SaveWorld (e.g. writes the new world file). */
  onSave: (instanceId: string) => void;
  manager: BackupManager;
  addInstance(opts?: {
    status?: InstanceStatus;
    settings?: object;
    files?: Record<string, string | Buffer>;
  }): InstanceRecord;
  close(): void;
}

export function backupFixture(prefix = 'ark-backup'): Fixture {
  const dir = tempDir(prefix);
  const dataRoot = path.join(dir, 'data');
  const store = openBackupStore(dir);
  const repo = new BackupsRepo(store.db);
  const clock = new SetClock();
  const running = new Set<string>();
  const saves: string[] = [];
  const supervisor: BackupSupervisor = {
    isRunning: (id) => running.has(id),
    saveWorld: (id) => {
      saves.push(id);
      fixture.onSave(id);
      return Promise.resolve(true);
    },
  };
  const instancesRoot = path.join(dataRoot, 'runtime', 'instances');
  const logger = createLogger({ silent: true });
  const manager = new BackupManager({
    store,
    repo,
    supervisor,
    clock,
    logger,
    dataRoot: () => dataRoot,
    instancesRoot: () => instancesRoot,
  });
  const addInstance: Fixture['addInstance'] = (opts = {}) => {
    const id = randomUUID();
    const installPath = path.join(instancesRoot, id);
    fs.mkdirSync(installPath, { recursive: true });
    writeSaved(installPath, opts.files ?? ISLAND_FILES);
    const now = new Date().toISOString();
    const record: InstanceRecord = {
      id,
      name: 'Island',
      agentId: AGENT_ID,
      status: opts.status ?? 'STOPPED',
      buildId: null,
      installPath,
      settings: InstanceSettings.parse({ adminPassword: 'secret', ...opts.settings }),
      process: null,
      createdAt: now,
      updatedAt: now,
    };
    store.instances.insert(record);
    return record;
  };
  const close = () => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const fixture: Fixture = {
    dir,
    dataRoot,
    store,
    repo,
    clock,
    running,
    saves,
    onSave: () => undefined,
    manager,
    addInstance,
    close,
  };
  return fixture;
}

export const noJob = () => ({ signal: new AbortController().signal, progress: () => undefined });
