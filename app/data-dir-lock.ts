import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from './domain/app-error.ts';

const LOCK_FILE = 'manager.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One control plane per data directory: two would both supervise the same servers and write the
 * same database. A lock left by a killed process (its pid gone) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (owner && owner !== process.pid && alive(owner)) {
        throw new AppError(ErrorCode.CONFLICT, `Another manager (pid ${owner}) is already using ${dataDir}; stop it or choose another --data-dir`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError(ErrorCode.CONFLICT, `Could not lock ${dataDir}`);
}
