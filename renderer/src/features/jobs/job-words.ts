import {
  JobParamsSchemas,
  type Cluster,
  type Instance,
  type Job,
  type JobParams,
  type JobType,
  type StopInstanceBody,
} from '@ark-asa/contracts';

/** Names the sentences use instead of ids; each lookup answers undefined when it does not know. */
export interface JobNames {
  /** A server's name; null when the server was deleted, undefined while the list loads. */
  server(instanceId: string): string | null | undefined;
  /** The name of the cluster a server belongs to, if any. */
  cluster?(instanceId: string): string | null | undefined;
  /** When a backup was taken, said short ("3 Dec, 14:05"); null when it is gone. */
  backupTime?(backupId: string): string | null | undefined;
}

export type DescribedJob = Pick<Job, 'type' | 'params' | 'instanceId'>;

/**
 * Names from the loaded lists: a server missing from a loaded list was deleted (null); while the
 * list loads nothing is known (undefined).
 */
export function jobNames(
  instances: readonly Instance[] | undefined,
  clusters?: readonly Cluster[],
  backupTime?: JobNames['backupTime'],
): JobNames {
  const byId = new Map((instances ?? []).map((i) => [i.id, i]));
  const clusterName = new Map((clusters ?? []).map((c) => [c.id, c.name]));
  return {
    server: (id) => byId.get(id)?.name ?? (instances ? null : undefined),
    cluster: (id) => {
      const clusterId = byId.get(id)?.clusterId;
      return clusterId ? clusterName.get(clusterId) : undefined;
    },
    backupTime,
  };
}

/** "15, 5 and 1": a list as a person says it. */
export function spokenList(items: readonly (string | number)[]): string {
  const words = items.map(String);
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** " with warnings at 15, 5 and 1 min: “mods”"; '' for a stop without countdown or message. */
export function countdownPhrase(p: StopInstanceBody): string {
  const minutes = p.countdownMinutes ?? 0;
  const warnings = p.warningMinutes?.length ? `warnings at ${spokenList(p.warningMinutes)} min` : null;
  let phrase = '';
  if (minutes > 0 && warnings && Math.max(...p.warningMinutes!) === minutes) phrase = ` with ${warnings}`;
  else if (minutes > 0) phrase = ` with a ${minutes} min countdown${warnings ? ` (${warnings})` : ''}`;
  return p.message ? `${phrase}: “${p.message}”` : phrase;
}

/**
 * A job's params, parsed with the type's schema (defaults applied); null when the stored params do
 * not fit (a row from another version): the sentence then says only what the job is.
 */
function paramsOf<T extends JobType>(type: T, params: unknown): JobParams<T> | null {
  const parsed = JobParamsSchemas[type].safeParse(params);
  return parsed.success ? (parsed.data as JobParams<T>) : null;
}

function serverOf(job: DescribedJob, names: JobNames): string {
  if (!job.instanceId) return 'a server';
  const name = names.server(job.instanceId);
  return name ?? (name === null ? 'a deleted server' : 'the server');
}

type Sentence<T extends JobType> = (
  p: JobParams<T> | null,
  server: string,
  job: DescribedJob,
  names: JobNames,
) => string;

/** One sentence per job type: a record over JobType, so a new type without one does not compile. */
const SENTENCES: { [T in JobType]: Sentence<T> } = {
  DIAGNOSTICS: () => 'Check the host: data folder, disk space, SteamCMD and ports',
  INSTALL_STEAMCMD: () => 'Install SteamCMD',
  INSTALL_BUILD: (p) => `Install the newest server build${p?.validate ? ' (validate every file)' : ''}`,
  CHECK_LATEST_BUILD: () => 'Ask Steam for the newest server build',
  DELETE_BUILD: (p) => (p ? `Delete build ${p.buildId}` : 'Delete a build'),
  START_INSTANCE: (p, server, job, names) =>
    `Start ${server}${clusterTurn(p, job, names)}${p?.reason ? ` (${p.reason})` : ''}`,
  STOP_INSTANCE: (p, server) => `Stop ${server}${p ? countdownPhrase(p) : ''}`,
  RESTART_INSTANCE: (p, server) => `Restart ${server}${p ? countdownPhrase(p) : ''}`,
  UPDATE_INSTANCE: (p, server) =>
    `Switch ${server} to ${p?.buildId ? `build ${p.buildId}` : 'the newest installed build'}${p ? countdownPhrase(p) : ''}`,
  BACKUP_INSTANCE: (p, server) =>
    `Back up ${server}${p?.kind === 'scheduled' ? ' (scheduled)' : ''}${p?.note ? `: “${p.note}”` : ''}`,
  RESTORE_BACKUP: (p, server, _job, names) => {
    const taken = p ? names.backupTime?.(p.backupId) : undefined;
    const which = taken ? `the backup of ${taken}` : taken === null ? 'a backup since deleted' : 'a backup';
    return `Restore ${which} to ${server}`;
  },
  IMPORT_INSTANCE: (p) =>
    p
      ? `Import “${p.name}” from ${p.sourcePath}${p.mode === 'in-place' ? ', run where it is' : ', copied onto the build cache'}`
      : 'Import a server',
  IMPORT_SAVE: (p, server) => `Import the world${p ? ` from ${p.sourcePath}` : ''} into ${server}`,
  INSTALL_PREREQUISITES: (p) =>
    `Install Windows prerequisites${p ? ` (${spokenList(p.items.map((i) => PREREQ_WORDS[i]))})` : ''} as administrator`,
};

const PREREQ_WORDS = { vcredist: 'Visual C++ runtime', directx: 'DirectX runtime', certificates: 'certificates' };

function clusterTurn(p: JobParams<'START_INSTANCE'> | null, job: DescribedJob, names: JobNames): string {
  if (!p?.afterJobId) return '';
  const cluster = job.instanceId ? names.cluster?.(job.instanceId) : null;
  const gap = p.gapSeconds ? `, ${p.gapSeconds} s later` : '';
  return ` after the previous member of ${cluster ? `cluster ${cluster}` : 'its cluster'}${gap}`;
}

/**
 * What a job does, in words and with names, e.g. "Restart The Island with warnings at 15, 5 and 1
 * min". Ids stay out: the details show them, with the raw params, for whoever needs them.
 */
export function describeJob(job: DescribedJob, names: JobNames): string {
  const sentence = SENTENCES[job.type] as Sentence<JobType>;
  return sentence(paramsOf(job.type, job.params), serverOf(job, names), job, names);
}
