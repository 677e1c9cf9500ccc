import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInstalledMods } from './mod-library.ts';

function instanceDir(): { dir: string; base: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-mod-library-'));
  return { dir, base: path.join(dir, 'ShooterGame', 'Binaries', 'Win64', 'ShooterGame') };
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

const library = (base: string) => path.join(base, 'ModsUserData', '83374', 'library.json');
const modFolder = (base: string, name: string) =>
  fs.mkdirSync(path.join(base, 'Mods', '83374', name, 'Content'), { recursive: true });

describe('installed mods of an instance', () => {
  it('reads ids and names from library.json and file ids from the Mods folders', async () => {
    const { dir, base } = instanceDir();
    const details = (iD: number, name: string) => ({
      details: { iD, name, summary: '', links: {}, authors: [], logo: {} },
    });
    write(
      library(base),
      `\uFEFF${JSON.stringify({ installedMods: [details(928597, 'DinoDepot'), details(939228, 'Spyglass')] })}`,
    );
    modFolder(base, '928597_6040989');
    modFolder(base, '939228_6040001');
    modFolder(base, '939228_6030000'); // an older file left behind
    modFolder(base, 'not-a-mod');
    expect(await readInstalledMods(dir)).toEqual(
      new Map([
        ['928597', { fileId: '6040989', name: 'DinoDepot' }],
        ['939228', { fileId: '6040001', name: 'Spyglass' }],
      ]),
    );
  });

  it('prefers a file id the library records', async () => {
    const { dir, base } = instanceDir();
    write(
      library(base),
      JSON.stringify({ installedMods: [{ details: { id: 5, name: 'Five' }, installedFile: { id: 77 } }] }),
    );
    modFolder(base, '5_66');
    expect(await readInstalledMods(dir)).toEqual(new Map([['5', { fileId: '77', name: 'Five' }]]));
  });

  it('tolerates a missing or broken library and missing folders', async () => {
    const { dir, base } = instanceDir();
    expect(await readInstalledMods(dir)).toEqual(new Map());
    write(library(base), '{"installedMods": [ {"details": {"iD": 9');
    modFolder(base, '928597_6040989');
    expect(await readInstalledMods(dir)).toEqual(new Map([['928597', { fileId: '6040989', name: null }]]));
    write(
      library(base),
      JSON.stringify({ installedMods: [null, 'x', { details: { iD: 'abc' } }, { details: { iD: 3 } }] }),
    );
    expect(await readInstalledMods(dir)).toEqual(
      new Map([
        ['3', { fileId: null, name: null }],
        ['928597', { fileId: '6040989', name: null }],
      ]),
    );
  });
});
