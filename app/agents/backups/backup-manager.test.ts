import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.ts';
import { backupFixture, ISLAND_FILES, noJob, readSaved, savedDir, writeSaved, type Fixture } from './test-fixtures.ts';
import { readZip, snapshot } from './test-zip.ts';

let f: Fixture;
beforeEach(() => (f = backupFixture()));
afterEach(() => f.close());

const ISLAND = 'SavedArks/TheIsland_WP';
const PROFILE = `${ISLAND}/0002214a4a6742d9a347bd449b2dc143.arkprofile`;
const TRIBE = `${ISLAND}/1234567890.arktribe`;
const BACKED_UP = [
  `${ISLAND}/TheIsland_WP.ark`,
  PROFILE,
  `${ISLAND}/0002214a4a6742d9a347bd449b2dc143.profilebak`,
  TRIBE,
  'Config/WindowsServer/GameUserSettings.ini',
  'Config/WindowsServer/Game.ini',
];

const backupDir = (instanceId: string) => path.join(f.dataRoot, 'backups', instanceId);
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (err: unknown) => (isAppError(err) ? err.code : String(err)),
  );

describe('BackupManager.take', () => {
  it('zips the map save folder, profiles, tribes and both INI files, verified, and records it', async () => {
    const inst = f.addInstance();
    const { backup, worldSaved, pruned } = await f.manager.take(
      inst.id,
      { kind: 'manual', note: 'before the boss fight' },
      noJob(),
    );
    expect(backup).toMatchObject({
      instanceId: inst.id,
      kind: 'manual',
      map: 'TheIsland_WP',
      verified: true,
      entries: 7,
      note: 'before the boss fight',
    });
    expect(worldSaved).toBe(false);
    expect(pruned).toEqual([]);
    expect(f.saves).toEqual([]); // a stopped server is backed up as its files are
    const file = path.join(backupDir(inst.id), backup.fileName);
    expect(backup.fileName).toMatch(/^2026-01-01_00-00-00_manual_[0-9a-f]{8}\.zip$/);
    expect(fs.statSync(file).size).toBe(backup.sizeBytes);
    const zip = await readZip(file);
    expect([...zip.keys()].sort()).toEqual([...BACKED_UP, 'asa-backup-manifest.json'].sort());
    for (const entry of BACKED_UP) expect(zip.get(entry)?.toString()).toBe(ISLAND_FILES[entry]);
    const manifest = JSON.parse(zip.get('asa-backup-manifest.json')!.toString()) as {
      map: string;
      saveDir: string;
      files: unknown[];
    };
    expect(manifest).toMatchObject({ map: 'TheIsland_WP', saveDir: 'SavedArks' });
    expect(manifest.files).toHaveLength(6);
    expect(f.repo.get(backup.id)).toMatchObject({ filePath: file, sizeBytes: backup.sizeBytes });
    expect(fs.readdirSync(backupDir(inst.id))).toEqual([backup.fileName]); // no .partial, no staging left
  });

  it('asks a running server to SaveWorld first and archives the saved state', async () => {
    const inst = f.addInstance({ status: 'RUNNING' });
    f.running.add(inst.id);
    const progress: string[] = [];
    const job = { signal: new AbortController().signal, progress: (_p: number, m: string) => progress.push(m) };
    f.onSave = () => writeSaved(inst.installPath!, { [`${ISLAND}/TheIsland_WP.ark`]: 'world saved just now' });
    const { backup, worldSaved } = await f.manager.take(inst.id, { kind: 'manual' }, job);
    expect(worldSaved).toBe(true);
    expect(f.saves).toEqual([inst.id]);
    const zip = await readZip(path.join(backupDir(inst.id), backup.fileName));
    expect(zip.get(`${ISLAND}/TheIsland_WP.ark`)?.toString()).toBe('world saved just now');
    expect(progress[0]).toBe('Saving the world…');
    expect(progress).toContain('Verifying the archive…');
  });

  it('follows AltSaveDirectoryName (Saved/<dir>/<Map>/) and a restore puts the files back there', async () => {
    const inst = f.addInstance({
      settings: { map: 'Astraeos_WP', extraQueryArgs: ['AltSaveDirectoryName=Season2'] },
      files: {
        'Season2/Astraeos_WP/Astraeos_WP.ark': 'astraeos v1',
        'SavedArks/TheIsland_WP/TheIsland_WP.ark': 'other dir',
        'Config/WindowsServer/Game.ini': '',
      },
    });
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    const zip = await readZip(path.join(backupDir(inst.id), backup.fileName));
    expect([...zip.keys()].sort()).toEqual([
      'Config/WindowsServer/Game.ini',
      'Season2/Astraeos_WP/Astraeos_WP.ark',
      'asa-backup-manifest.json',
    ]);
    writeSaved(inst.installPath!, { 'Season2/Astraeos_WP/Astraeos_WP.ark': 'astraeos v2' });
    const result = await f.manager.restore(inst.id, backup.id, noJob());
    expect(result.replaced).toEqual(['Config/WindowsServer/Game.ini', 'Season2/Astraeos_WP/Astraeos_WP.ark']);
    expect(readSaved(inst.installPath!, 'Season2/Astraeos_WP/Astraeos_WP.ark')).toBe('astraeos v1');
  });

  it('fails with a clear message when there is nothing to back up, and has no files on disk', async () => {
    const inst = f.addInstance({ files: {} });
    await expect(f.manager.take(inst.id, { kind: 'manual' }, noJob())).rejects.toThrow(
      'Nothing to back up yet: this server has not saved a world (start it once, or run SaveWorld)',
    );
    expect(await f.manager.takeBeforeUpdate(inst.id, noJob())).toBeNull();
    f.store.instances.update({ ...inst, installPath: null });
    expect(await codeOf(f.manager.take(inst.id, { kind: 'manual' }, noJob()))).toBe('not-installed');
    expect(await f.manager.takeBeforeUpdate(inst.id, noJob())).toBeNull();
  });
});

describe('retention', () => {
  it('after each successful backup deletes exactly the backups the policy lets go (count, then age)', async () => {
    const inst = f.addInstance();
    f.repo.setPolicy(inst.id, { keepCount: 3, maxAgeDays: null, maxTotalBytes: null }, '2026-01-01T00:00:00.000Z');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await f.manager.take(inst.id, { kind: 'scheduled' }, noJob())).backup.id);
      f.clock.advanceDays(1);
    }
    expect(f.repo.listAll(inst.id).map((b) => b.id)).toEqual(ids.slice(2).reverse());
    expect(fs.readdirSync(backupDir(inst.id))).toHaveLength(3);
    // Ten days later, with a 2-day age limit: only the new one stays.
    f.repo.setPolicy(inst.id, { keepCount: 48, maxAgeDays: 2, maxTotalBytes: null }, '2026-01-01T00:00:00.000Z');
    f.clock.advanceDays(10);
    const { backup, pruned } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    expect(pruned.sort()).toEqual(ids.slice(2).sort());
    expect(f.repo.listAll(inst.id).map((b) => b.id)).toEqual([backup.id]);
    expect(fs.readdirSync(backupDir(inst.id))).toEqual([backup.fileName]);
  });

  it('keeps the newest run within maxTotalBytes', async () => {
    const inst = f.addInstance();
    const first = (await f.manager.take(inst.id, { kind: 'manual' }, noJob())).backup;
    f.clock.advanceDays(1);
    f.repo.setPolicy(
      inst.id,
      { keepCount: 48, maxAgeDays: null, maxTotalBytes: first.sizeBytes * 2 + 100 },
      '2026-01-01T00:00:00.000Z',
    );
    const second = (await f.manager.take(inst.id, { kind: 'manual' }, noJob())).backup;
    f.clock.advanceDays(1);
    const third = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    expect(third.pruned).toEqual([first.id]);
    expect(f.repo.listAll(inst.id).map((b) => b.id)).toEqual([third.backup.id, second.id]);
  });

  it('is not applied when a backup fails: a failing backup deletes nothing', async () => {
    const inst = f.addInstance();
    for (let i = 0; i < 3; i++) {
      await f.manager.take(inst.id, { kind: 'manual' }, noJob());
      f.clock.advanceDays(1);
    }
    const before = f.repo.listAll(inst.id);
    f.repo.setPolicy(inst.id, { keepCount: 1, maxAgeDays: 0.5, maxTotalBytes: 1 }, '2026-01-01T00:00:00.000Z');
    const controller = new AbortController();
    const job = {
      signal: controller.signal,
      progress: (_p: number, m: string) => m.startsWith('Compressing') && controller.abort(),
    };
    await expect(f.manager.take(inst.id, { kind: 'manual' }, job)).rejects.toThrow();
    expect(f.repo.listAll(inst.id)).toEqual(before);
    expect(fs.readdirSync(backupDir(inst.id)).sort()).toEqual(before.map((b) => b.fileName).sort());
  });
});

describe('BackupManager.restore', () => {
  it('takes a safety backup first, swaps the backup in and reports what it replaced, added and moved out', async () => {
    const inst = f.addInstance();
    const dir = inst.installPath!;
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    f.clock.advanceDays(1);
    const newPlayer = `${ISLAND}/00000000000000000000000000000099.arkprofile`;
    writeSaved(dir, {
      [`${ISLAND}/TheIsland_WP.ark`]: 'world v2',
      [newPlayer]: 'joined later',
      'Config/WindowsServer/Game.ini': 'edited',
    });
    fs.rmSync(path.join(savedDir(dir), ...TRIBE.split('/')));
    const result = await f.manager.restore(inst.id, backup.id, noJob());
    expect(result).toEqual({
      backupId: backup.id,
      safetyBackupId: expect.any(String),
      replaced: BACKED_UP.filter((e) => e !== TRIBE).sort(),
      added: [TRIBE],
      removed: [newPlayer],
    });
    for (const entry of BACKED_UP) expect(readSaved(dir, entry)).toBe(ISLAND_FILES[entry]);
    expect(readSaved(dir, newPlayer)).toBeNull();
    // Files a backup does not hold are left alone.
    expect(readSaved(dir, `${ISLAND}/TheIsland_WP_AntiCorruptionBackup.bak`)).toBe('anti corruption');
    expect(readSaved(dir, 'Logs/ShooterGame.log')).toBe('log');
    expect(fs.readdirSync(savedDir(dir)).filter((n) => n.startsWith('.restore-'))).toEqual([]);
    // The safety backup holds the state from just before the restore.
    const safety = f.repo.get(result.safetyBackupId!)!;
    expect(safety).toMatchObject({ kind: 'pre-restore', verified: true });
    const zip = await readZip(safety.filePath);
    expect(zip.get(`${ISLAND}/TheIsland_WP.ark`)?.toString()).toBe('world v2');
    expect(zip.get(newPlayer)?.toString()).toBe('joined later');
  });

  it('restores into an instance whose saves are all gone, with no safety backup to take', async () => {
    const inst = f.addInstance();
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    fs.rmSync(savedDir(inst.installPath!), { recursive: true });
    fs.mkdirSync(savedDir(inst.installPath!));
    const result = await f.manager.restore(inst.id, backup.id, noJob());
    expect(result).toMatchObject({ safetyBackupId: null, replaced: [], added: [...BACKED_UP].sort(), removed: [] });
    for (const entry of BACKED_UP) expect(readSaved(inst.installPath!, entry)).toBe(ISLAND_FILES[entry]);
  });

  it('keeps the INI files in a safety backup when the live world is gone, and moves stale SQLite side files out', async () => {
    const inst = f.addInstance();
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    const world = `${ISLAND}/TheIsland_WP.ark`;
    fs.rmSync(path.join(savedDir(inst.installPath!), ...world.split('/')));
    writeSaved(inst.installPath!, { [`${world}-wal`]: 'old wal', [`${world}-shm`]: 'old shm' });
    const result = await f.manager.restore(inst.id, backup.id, noJob());
    expect(result.safetyBackupId).not.toBeNull();
    const safety = await readZip(f.repo.get(result.safetyBackupId!)!.filePath);
    expect(safety.has('Config/WindowsServer/GameUserSettings.ini')).toBe(true);
    expect(safety.has(world)).toBe(false);
    expect(result.added).toEqual([world]);
    expect(result.removed).toEqual([`${world}-shm`, `${world}-wal`]);
    expect(readSaved(inst.installPath!, world)).toBe('world v1');
    expect(readSaved(inst.installPath!, `${world}-wal`)).toBeNull();
    expect(readSaved(inst.installPath!, `${world}-shm`)).toBeNull();
  });

  it('finds a mod map’s world in its own folder and restores it there', async () => {
    const inst = f.addInstance({
      settings: { map: 'Svartalfheim_WP' },
      files: { 'SavedArks/Svartalfheim/Svartalfheim.ark': 'mod world v1', 'SavedArks/Svartalfheim/7.arktribe': 't' },
    });
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    expect([...(await readZip(f.repo.get(backup.id)!.filePath)).keys()].sort()).toEqual([
      'SavedArks/Svartalfheim/7.arktribe',
      'SavedArks/Svartalfheim/Svartalfheim.ark',
      'asa-backup-manifest.json',
    ]);
    writeSaved(inst.installPath!, { 'SavedArks/Svartalfheim/Svartalfheim.ark': 'mod world v2' });
    await f.manager.restore(inst.id, backup.id, noJob());
    expect(readSaved(inst.installPath!, 'SavedArks/Svartalfheim/Svartalfheim.ark')).toBe('mod world v1');
  });

  it('refuses while the server is not stopped, changing nothing', async () => {
    const inst = f.addInstance();
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    const before = snapshot(savedDir(inst.installPath!));
    f.running.add(inst.id);
    expect(await codeOf(f.manager.restore(inst.id, backup.id, noJob()))).toBe('instance-running');
    f.running.delete(inst.id);
    f.store.instances.setStatus(inst.id, 'UPDATING', new Date().toISOString());
    expect(await codeOf(f.manager.restore(inst.id, backup.id, noJob()))).toBe('instance-running');
    expect(snapshot(savedDir(inst.installPath!))).toEqual(before);
    expect(f.repo.listAll(inst.id)).toHaveLength(1);
  });

  it('keeps the backup being restored even when the safety backup would push it out', async () => {
    const inst = f.addInstance();
    const old = (await f.manager.take(inst.id, { kind: 'manual' }, noJob())).backup;
    f.clock.advanceDays(1);
    await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    f.repo.setPolicy(inst.id, { keepCount: 1, maxAgeDays: null, maxTotalBytes: null }, '2026-01-01T00:00:00.000Z');
    f.clock.advanceDays(1);
    const result = await f.manager.restore(inst.id, old.id, noJob());
    expect(
      f.repo
        .listAll(inst.id)
        .map((b) => b.id)
        .sort(),
    ).toEqual([old.id, result.safetyBackupId].sort());
  });

  it('marks a damaged archive unverified and changes nothing', async () => {
    const inst = f.addInstance({ files: { ...ISLAND_FILES, [`${ISLAND}/TheIsland_WP.ark`]: 'W'.repeat(50_000) } });
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    const file = f.repo.get(backup.id)!.filePath;
    const bytes = fs.readFileSync(file);
    bytes[200] = bytes[200]! ^ 0xff; // inside the first entry's compressed data
    fs.writeFileSync(file, bytes);
    const before = snapshot(savedDir(inst.installPath!));
    expect(await codeOf(f.manager.restore(inst.id, backup.id, noJob()))).toBe('backup-failed');
    expect(f.repo.get(backup.id)?.verified).toBe(false);
    expect(snapshot(savedDir(inst.installPath!))).toEqual(before);
    expect(f.repo.listAll(inst.id)).toHaveLength(1); // no safety backup for a restore that never started
  });
});

describe('BackupManager.remove and file', () => {
  it('deletes the file and the record; unknown ids and other instances’ ids are 404', async () => {
    const a = f.addInstance();
    const b = f.addInstance();
    const { backup } = await f.manager.take(a.id, { kind: 'manual' }, noJob());
    expect(await codeOf(f.manager.remove(b.id, backup.id))).toBe('not-found');
    expect((await f.manager.file(a.id, backup.id)).sizeBytes).toBe(backup.sizeBytes);
    await f.manager.remove(a.id, backup.id);
    expect(f.repo.get(backup.id)).toBeNull();
    expect(fs.readdirSync(backupDir(a.id))).toEqual([]);
    expect(await codeOf(f.manager.remove(a.id, backup.id))).toBe('not-found');
  });

  it('answers 404 for a record whose file is gone, and marks it unverified', async () => {
    const inst = f.addInstance();
    const { backup } = await f.manager.take(inst.id, { kind: 'manual' }, noJob());
    fs.rmSync(f.repo.get(backup.id)!.filePath);
    expect(await codeOf(f.manager.file(inst.id, backup.id))).toBe('not-found');
    expect(f.repo.get(backup.id)?.verified).toBe(false);
  });
});
