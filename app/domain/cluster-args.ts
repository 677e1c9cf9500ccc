import path from 'node:path';
import { ErrorCode, type InstanceSettings, type TransferRules } from '@ark-asa/contracts';
import { AppError } from './app-error.ts';

/** What a managed cluster puts on each member's command line (docs/clusters.md). */
export interface ClusterLaunch {
  gameClusterId: string;
  clusterDir: string;
  transferRules: TransferRules;
}

const PREVENT: [keyof TransferRules, string][] = [
  ['preventDownloadSurvivors', 'PreventDownloadSurvivors'],
  ['preventDownloadItems', 'PreventDownloadItems'],
  ['preventDownloadDinos', 'PreventDownloadDinos'],
  ['preventUploadSurvivors', 'PreventUploadSurvivors'],
  ['preventUploadItems', 'PreventUploadItems'],
  ['preventUploadDinos', 'PreventUploadDinos'],
];

const EXPIRY: [keyof TransferRules, string][] = [
  ['tributeItemExpirationSeconds', 'TributeItemExpirationSeconds'],
  ['tributeDinoExpirationSeconds', 'TributeDinoExpirationSeconds'],
  ['tributeCharacterExpirationSeconds', 'TributeCharacterExpirationSeconds'],
];

/** The cluster's `?` options: only rules that differ from the game's default are written. */
export function transferQueryOptions(rules: TransferRules): string[] {
  const options = PREVENT.filter(([field]) => rules[field] === true).map(([, key]) => `${key}=True`);
  for (const [field, key] of EXPIRY) {
    const seconds = rules[field];
    if (typeof seconds === 'number') options.push(`${key}=${seconds}`);
  }
  return options;
}

/** Every key a cluster decides, lower-cased: a member's own extra option with one of them is dropped. */
const CLUSTER_KEYS = new Set(
  [...PREVENT, ...EXPIRY].map(([, key]) => key.toLowerCase()).concat('notransferfromfiltering'),
);

const keyOf = (arg: string) => arg.replace(/^-/, '').split('=')[0]!.toLowerCase();

/**
 * A member's settings as the cluster launches it: the cluster's id and folder replace the
 * instance's own free-text `clusterId`/`clusterDir`, and its transfer rules replace any of the same
 * options among the extras, so every member of one cluster runs with the same rules.
 */
export function withCluster(s: InstanceSettings, cluster: ClusterLaunch): InstanceSettings {
  const own = (args: string[]) => args.filter((arg) => !CLUSTER_KEYS.has(keyOf(arg)));
  return {
    ...s,
    clusterId: cluster.gameClusterId,
    clusterDir: cluster.clusterDir,
    extraQueryArgs: [...own(s.extraQueryArgs), ...transferQueryOptions(cluster.transferRules)],
    extraDashArgs: [
      ...own(s.extraDashArgs),
      ...(cluster.transferRules.noTransferFromFiltering ? ['NoTransferFromFiltering'] : []),
    ],
  };
}

/*
 * The folder goes on ARK's command line as `-ClusterDirOverride=<dir>`. Windows quotes an argument
 * with a space and UE's parser then misreads it (docs/ark-facts.md#command-line), so a data root
 * with a space, `?` or `"` cannot hold a cluster folder.
 */
// eslint-disable-next-line no-control-regex -- a control character would end the argument too
const UNSAFE_DIR = /[?"\s\u0000-\u001f\u007f]/;

/** `<dataRoot>/runtime/clusters/<id>`: outside every instance; refused, with the way out, when ARK could not read it. */
export function clusterDirFor(dataRoot: string, clusterId: string): string {
  const dir = path.join(dataRoot, 'runtime', 'clusters', clusterId);
  if (UNSAFE_DIR.test(dir)) {
    throw new AppError(
      ErrorCode.INVALID_STATE,
      `The cluster folder would be ${dir}, and ARK cannot read a -ClusterDirOverride path with spaces, ? or quotes. Move the data folder to a path without them (or reach it through a junction without spaces), then create the cluster.`,
    );
  }
  return dir;
}
