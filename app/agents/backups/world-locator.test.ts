import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './test-fixtures.ts';
import { locateWorld } from './world-locator.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A ShooterGame/Saved with these files (relative, `/`-separated); mtimes in seconds since 2026-01-01 when given. */
function saved(files: Record<string, number | null>): string {
  const root = tempDir('ark-world-locator-');
  dirs.push(root);
  const base = Date.parse('2026-01-01T00:00:00Z') / 1000;
  for (const [rel, age] of Object.entries(files)) {
    const file = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, rel);
    if (age !== null) fs.utimesSync(file, base + age, base + age);
  }
  return root;
}

describe('locateWorld', () => {
  it('finds <map>.ark in SavedArks/<map>', async () => {
    const root = saved({ 'SavedArks/TheIsland_WP/TheIsland_WP.ark': null });
    expect(await locateWorld(root, 'SavedArks', 'TheIsland_WP')).toEqual({
      saveDir: 'SavedArks',
      folder: 'TheIsland_WP',
      world: 'TheIsland_WP.ark',
    });
  });

  it('finds Club ARK in SavedArks/BobsMissions', async () => {
    const root = saved({ 'SavedArks/BobsMissions/BobsMissions_WP.ark': null });
    expect(await locateWorld(root, 'SavedArks', 'BobsMissions_WP')).toEqual({
      saveDir: 'SavedArks',
      folder: 'BobsMissions',
      world: 'BobsMissions_WP.ark',
    });
  });

  it('matches the save folder, the map folder and the world file in any case, keeping the names on disk', async () => {
    const root = saved({ 'savedarks/theisland_wp/THEISLAND_WP.ark': null });
    expect(await locateWorld(root, 'SavedArks', 'TheIsland_WP')).toEqual({
      saveDir: 'savedarks',
      folder: 'theisland_wp',
      world: 'THEISLAND_WP.ark',
    });
  });

  it('reads the AltSaveDirectoryName folder only', async () => {
    const root = saved({
      'SavedArks/TheIsland_WP/TheIsland_WP.ark': 20,
      'Season2/TheIsland_WP/TheIsland_WP.ark': 10,
    });
    expect(await locateWorld(root, 'Season2', 'TheIsland_WP')).toMatchObject({ saveDir: 'Season2' });
    expect(await locateWorld(saved({ 'SavedArks/TheIsland_WP/TheIsland_WP.ark': 0 }), 'Season2', 'TheIsland_WP')).toBe(
      null,
    );
  });

  it('when the map folder has no world, takes the .ark the server last wrote (a mod map’s own folder)', async () => {
    const root = saved({
      'SavedArks/Svartalfheim_WP/notes.txt': 0,
      'SavedArks/Svartalfheim/Svartalfheim.ark': 50,
      'SavedArks/Svartalfheim/Svartalfheim_01.01.2026_00.02.00.ark': 90,
      'SavedArks/Older_WP/Older_WP.ark': 10,
    });
    expect(await locateWorld(root, 'SavedArks', 'Svartalfheim_WP')).toEqual({
      saveDir: 'SavedArks',
      folder: 'Svartalfheim',
      world: 'Svartalfheim.ark',
    });
  });

  it('is null when the server never saved: no folder, an empty folder, or only ARK’s own copies', async () => {
    expect(await locateWorld(saved({ 'Config/WindowsServer/Game.ini': null }), 'SavedArks', 'TheIsland_WP')).toBe(null);
    const empty = saved({});
    fs.mkdirSync(path.join(empty, 'SavedArks', 'TheIsland_WP'), { recursive: true });
    expect(await locateWorld(empty, 'SavedArks', 'TheIsland_WP')).toBe(null);
    const copies = saved({
      'SavedArks/TheIsland_WP/TheIsland_WP_26.11.2025_07.00.00.ark': null,
      'SavedArks/TheIsland_WP/TheIsland_WP.ark.tmp': null,
      'SavedArks/TheIsland_WP/TheIsland_WP_AntiCorruptionBackup.bak': null,
    });
    expect(await locateWorld(copies, 'SavedArks', 'TheIsland_WP')).toBe(null);
  });
});
