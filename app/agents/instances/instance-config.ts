import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { InstanceSettings } from '@ark-asa/contracts';
import { IniDocument } from '../../domain/ini/ini-document.ts';
import { applyManagedSettings } from '../../domain/ini/managed-settings.ts';
import { encodeText, readTextFile, writeFileAtomic } from './text-file.ts';

/** Where ARK's dedicated server reads its INI files (docs/ark-facts.md#config-files). */
export const CONFIG_DIR = path.join('ShooterGame', 'Saved', 'Config', 'WindowsServer');

/**
 * The instance's own directories. The server creates them too, but the config must exist before
 * the first start, and they make the instance's share of ShooterGame/Saved visible from day one.
 */
const OWN_DIRS = [
  CONFIG_DIR,
  path.join('ShooterGame', 'Saved', 'Logs'),
  path.join('ShooterGame', 'Saved', 'SavedArks'),
];

export async function ensureOwnDirs(instanceDir: string): Promise<void> {
  for (const own of OWN_DIRS) await fsp.mkdir(path.join(instanceDir, own), { recursive: true });
}

/**
 * Puts the managed settings into GameUserSettings.ini (creating it when missing, CRLF as ARK
 * writes it) with the line-preserving INI model, and writes only when the text changed, so an
 * untouched file keeps its bytes and timestamp. Creates an empty Game.ini when there is none.
 * Returns whether GameUserSettings.ini was written.
 */
export async function ensureConfigFiles(instanceDir: string, settings: InstanceSettings): Promise<boolean> {
  await ensureOwnDirs(instanceDir);
  const configDir = path.join(instanceDir, CONFIG_DIR);
  const gusPath = path.join(configDir, 'GameUserSettings.ini');
  const current = await readTextFile(gusPath);
  const doc = IniDocument.parse(current?.text ?? '');
  const write = applyManagedSettings(doc, settings) || current === null;
  if (write) await writeFileAtomic(gusPath, encodeText(doc.toString(), current?.encoding ?? 'utf8'));
  // 'wx': an existing Game.ini is the user's and is never truncated.
  await fsp.writeFile(path.join(configDir, 'Game.ini'), '', { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return write;
}
