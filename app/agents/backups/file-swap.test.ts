import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planSwap, swapIn } from './file-swap.ts';
import { tempDir } from './test-fixtures.ts';
import { snapshot } from './test-zip.ts';

let dir: string;
const write = (root: string, files: Record<string, string>) => {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
};
beforeEach(() => (dir = tempDir('ark-swap')));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('planSwap and swapIn', () => {
  it('classifies files and swaps them in, moving the live ones out', async () => {
    const saved = path.join(dir, 'Saved');
    write(saved, { 'S/M/M.ark': 'old', 'S/M/p.arkprofile': 'old p', 'S/M/gone.arkprofile': 'extra' });
    write(path.join(dir, 'new'), { 'S/M/M.ark': 'new', 'S/M/t.arktribe': 'new t' });
    const plan = await planSwap(
      saved,
      ['S/M/M.ark', 'S/M/t.arktribe'],
      ['S/M/M.ark', 'S/M/gone.arkprofile', 'S/M/p.arkprofile'],
    );
    expect(plan).toEqual({
      replaced: ['S/M/M.ark'],
      added: ['S/M/t.arktribe'],
      removed: ['S/M/gone.arkprofile', 'S/M/p.arkprofile'],
    });
    await swapIn(saved, path.join(dir, 'new'), path.join(dir, 'old'), plan);
    expect(snapshot(saved)).toEqual({ 'S/M/M.ark': 'new', 'S/M/t.arktribe': 'new t' });
    expect(snapshot(path.join(dir, 'old'))).toEqual({
      'S/M/M.ark': 'old',
      'S/M/p.arkprofile': 'old p',
      'S/M/gone.arkprofile': 'extra',
    });
  });

  it('undoes every move when one rename fails, leaving the live folder as it was', async () => {
    const saved = path.join(dir, 'Saved');
    write(saved, { 'S/M/M.ark': 'old', 'S/M/p.arkprofile': 'old p' });
    write(path.join(dir, 'new'), { 'S/M/M.ark': 'new' });
    const before = snapshot(saved);
    // `S/M/lost.arktribe` is planned but was never extracted: its rename fails after others ran.
    const plan = { replaced: ['S/M/M.ark'], added: ['S/M/lost.arktribe'], removed: ['S/M/p.arkprofile'] };
    await expect(swapIn(saved, path.join(dir, 'new'), path.join(dir, 'old'), plan)).rejects.toThrow(/ENOENT/);
    expect(snapshot(saved)).toEqual(before);
    expect(snapshot(path.join(dir, 'new'))).toEqual({ 'S/M/M.ark': 'new' });
  });
});
