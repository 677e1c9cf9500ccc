import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanLeftovers } from './leftovers.ts';

function put(file: string, bytes: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.alloc(bytes, 1));
}

describe('cleanLeftovers', () => {
  it('removes what interrupted restores, backups and build copies left, keeps what may still be needed, and says how big each was', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-leftovers-'));
    const saved = path.join(root, 'runtime', 'instances', 'inst-1', 'ShooterGame', 'Saved');
    put(path.join(saved, '.restore-aaa', 'new', 'SavedArks', 'TheIsland_WP', 'TheIsland_WP.ark'), 3000);
    put(path.join(saved, '.restore-bbb', 'old', 'SavedArks', 'TheIsland_WP', 'TheIsland_WP.ark'), 500);
    put(path.join(saved, 'SavedArks', 'TheIsland_WP', 'TheIsland_WP.ark'), 100);
    const backups = path.join(root, 'backups', 'inst-1');
    put(path.join(backups, '2026-01-01_manual_1234abcd.zip.partial'), 700);
    put(path.join(backups, '.staging-xyz', 'SavedArks', 'a.ark'), 200);
    put(path.join(backups, '2025-12-31_manual_99999999.zip'), 50);
    put(path.join(root, 'runtime', 'cache', 'staging', 'ASA.copying', 'big.pak'), 400);
    put(path.join(root, 'runtime', 'cache', 'staging', 'ASA', 'steamapps', 'appmanifest_2430930.acf'), 10);

    const found = await cleanLeftovers(root);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const summary = found.map((l) => ({
      name: path.basename(l.path),
      bytes: l.bytes,
      removed: l.removed,
      instanceId: l.instanceId,
    }));
    expect(summary.sort(byName)).toEqual(
      [
        { name: '.restore-aaa', bytes: 3000, removed: true, instanceId: 'inst-1' },
        { name: '.restore-bbb', bytes: 500, removed: false, instanceId: 'inst-1' },
        { name: '2026-01-01_manual_1234abcd.zip.partial', bytes: 700, removed: true, instanceId: 'inst-1' },
        { name: '.staging-xyz', bytes: 200, removed: true, instanceId: 'inst-1' },
        { name: 'ASA.copying', bytes: 400, removed: true, instanceId: null },
        { name: 'ASA', bytes: 10, removed: false, instanceId: null },
      ].sort(byName),
    );
    expect(found.find((l) => l.path.endsWith('.restore-bbb'))?.keptBecause).toMatch(/only copy/);
    expect(fs.readdirSync(saved).sort()).toEqual(['.restore-bbb', 'SavedArks']);
    expect(fs.readdirSync(backups)).toEqual(['2025-12-31_manual_99999999.zip']);
    expect(fs.readdirSync(path.join(root, 'runtime', 'cache', 'staging'))).toEqual(['ASA']);
    expect(await cleanLeftovers(path.join(root, 'nothing-here'))).toEqual([]);
  });

  it('removes world zips uploaded for an import that never ran', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-leftovers-'));
    const uploads = path.join(root, 'runtime', 'uploads');
    put(path.join(uploads, '0b5e6c1a-1111-4222-8333-944445555666.zip'), 300);
    const found = await cleanLeftovers(root);
    expect(found).toEqual([
      expect.objectContaining({ what: 'uploaded world zip', bytes: 300, removed: true, instanceId: null }),
    ]);
    expect(fs.readdirSync(uploads)).toEqual([]);
  });
});
