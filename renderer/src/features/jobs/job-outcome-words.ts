import {
  JobResultSchemas,
  type Job,
  type JobResult,
  type JobRun,
  type JobStatus,
  type JobType,
} from '@ark-asa/contracts';
import { bytes } from '../../components/format.ts';

export interface Outcome {
  tone: 'ok' | 'bad' | 'neutral';
  text: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const stopWords = (r: { killed: boolean; warnings?: number }, done: string): string => {
  if (r.killed) return `${done}; it had to be killed after it did not exit in time`;
  return r.warnings ? `${done} after ${plural(r.warnings, 'warning')}` : done;
};

/** One sentence per job type from its result: a record over JobType, so a new type must say its outcome. */
const SAID: { [T in JobType]: (r: JobResult<T>) => string } = {
  DIAGNOSTICS: (r) => {
    const failed = r.checks.filter((c) => !c.ok);
    return failed.length
      ? `${failed.length} of ${r.checks.length} checks failed: ${failed.map((c) => c.detail).join('; ')}`
      : `All ${r.checks.length} checks passed`;
  },
  INSTALL_STEAMCMD: (r) => `SteamCMD installed at ${r.steamcmdPath}`,
  INSTALL_BUILD: (r) => (r.upToDate ? `Already up to date (build ${r.buildId})` : `Installed build ${r.buildId}`),
  CHECK_LATEST_BUILD: (r) => `Steam serves build ${r.latestBuildId}`,
  DELETE_BUILD: (r) =>
    r.folderRemoved
      ? `Deleted build ${r.buildId}`
      : `Forgot build ${r.buildId}; its folder lies outside the build cache and was left in place`,
  START_INSTANCE: (r) => `Started (process ${r.pid})`,
  STOP_INSTANCE: (r) => (r.wasRunning ? stopWords(r, 'Stopped') : 'It was not running'),
  RESTART_INSTANCE: (r) => `${stopWords(r, 'Restarted')} (process ${r.pid})`,
  UPDATE_INSTANCE: (r) => {
    if (!r.changed) return `Already on build ${r.toBuildId}`;
    const from = r.fromBuildId
      ? `Switched from build ${r.fromBuildId} to ${r.toBuildId}`
      : `Now on build ${r.toBuildId}`;
    return r.restarted ? `${from} and started again` : from;
  },
  BACKUP_INSTANCE: (r) => {
    const saved = r.worldSaved ? ', world saved first' : '';
    const pruned = r.pruned.length
      ? `; ${plural(r.pruned.length, 'older backup')} removed by the retention policy`
      : '';
    return `Backup of ${bytes(r.backup.sizeBytes)} kept (${plural(r.backup.entries, 'file')}${saved})${pruned}`;
  },
  RESTORE_BACKUP: (r) => {
    const moved = r.removed.length ? `, ${r.removed.length} moved out` : '';
    const safety = r.safetyBackupId ? '; what was there before is in a pre-restore backup' : '';
    return `Restored: ${plural(r.replaced.length, 'file')} replaced, ${r.added.length} added${moved}${safety}`;
  },
  IMPORT_INSTANCE: (r) => {
    const how =
      r.mode === 'in-place'
        ? 'it runs from its folder'
        : `${plural(r.filesCopied, 'file')} (${bytes(r.bytesCopied)}) copied`;
    const warned = r.warnings.length ? `; ${plural(r.warnings.length, 'warning')}: ${r.warnings.join('; ')}` : '';
    return `Imported “${r.name}”: ${how}${warned}`;
  },
  IMPORT_SAVE: (r) => {
    const moved = r.removed.length ? `, ${r.removed.length} moved out` : '';
    const safety = r.safetyBackupId ? '; what was there before is in a pre-restore backup' : '';
    return `Imported world ${r.world}: ${plural(r.replaced.length, 'file')} replaced, ${r.added.length} added${moved}${safety}`;
  },
  INSTALL_PREREQUISITES: (r) =>
    `${r.items.map((i) => i.message).join(' · ')}${r.restartNeeded ? ' · Restart Windows to finish' : ''}`,
};

/** The completed run's result in words; null when the result does not have the expected shape. */
export function resultSentence(type: JobType, result: unknown): string | null {
  const parsed = JobResultSchemas[type].safeParse(result);
  if (!parsed.success) return null;
  return (SAID[type] as (r: unknown) => string)(parsed.data);
}

/**
 * How a job ended, in words: what it achieved, why it failed, or who cancelled it. Null while it is
 * active (the progress bar speaks then), and for a completed job whose result is not at hand (the
 * list has no runs; its status badge says enough). Never a progress message: the last one a run
 * sent ("Running", "Warned players: 1 min left") is stale once the job has ended.
 */
export function describeOutcome(job: Pick<Job, 'type' | 'error'>, status: JobStatus, lastRun?: JobRun): Outcome | null {
  const why = lastRun?.error?.message ?? job.error?.message;
  switch (status) {
    case 'COMPLETED': {
      const said = lastRun ? resultSentence(job.type, lastRun.result) : null;
      return said ? { tone: 'ok', text: said } : null;
    }
    case 'FAILED':
      return { tone: 'bad', text: why ?? 'Failed; the manager recorded no reason' };
    case 'CANCELLED':
      return { tone: 'neutral', text: why ?? 'Cancelled' };
    default:
      return null;
  }
}
