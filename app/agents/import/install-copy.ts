import path from 'node:path';
import { CONFIG_DIR } from '../instances/instance-config.ts';
import { PLAYER_LIST_FILES } from '../instances/player-list-files.ts';
import type { JobControl } from '../supervisor/supervisor.ts';
import { copyFiles, listTree, type CopyItem, type CopyTotals } from './file-copier.ts';
import type { InstallScan } from './install-scanner.ts';

const SAVED = path.join('ShooterGame', 'Saved');

/**
 * What a copy import takes from the source into the new instance directory (docs/import.md): the
 * worlds with their player and tribe files, GameUserSettings.ini and Game.ini, the three list
 * files and the cluster folder under ShooterGame/Saved. The server files themselves come from the
 * build cache; logs, crash dumps and ARK's timestamped world copies are not taken.
 */
export async function copyInstall(scan: InstallScan, targetDir: string, job: JobControl): Promise<CopyTotals> {
  const items: CopyItem[] = [];
  for (const world of scan.worlds) {
    for (const from of world.files)
      items.push({ from, to: path.join(targetDir, SAVED, world.saveDir, world.folder, path.basename(from)) });
  }
  for (const f of scan.configFiles) items.push({ from: f.abs, to: path.join(targetDir, CONFIG_DIR, f.name) });
  for (const l of scan.playerLists) items.push({ from: l.abs, to: path.join(targetDir, ...PLAYER_LIST_FILES[l.list]) });
  if (scan.clusterDir) {
    for (const rel of await listTree(scan.clusterDir))
      items.push({ from: path.join(scan.clusterDir, rel), to: path.join(targetDir, SAVED, 'clusters', rel) });
  }
  return copyFiles(items, job.signal, (done, total) =>
    job.progress(30 + (65 * done) / Math.max(total, 1), `Copying the server's files (${items.length})…`),
  );
}
