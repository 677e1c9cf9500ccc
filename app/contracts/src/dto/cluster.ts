import { z } from 'zod';
import { Id, IsoDateTime } from '../common.ts';
import { Job } from './job.ts';

/** Seconds an upload stays in the cluster's transfer data; null keeps the game's default. */
const Expiry = z.int().min(0).max(31_536_000).nullable();

const rulesShape = {
  noTransferFromFiltering: z
    .boolean()
    .describe('-NoTransferFromFiltering: allow transfers from servers outside this cluster id'),
  preventDownloadSurvivors: z.boolean(),
  preventDownloadItems: z.boolean(),
  preventDownloadDinos: z.boolean(),
  preventUploadSurvivors: z.boolean(),
  preventUploadItems: z.boolean(),
  preventUploadDinos: z.boolean(),
  tributeItemExpirationSeconds: Expiry,
  tributeDinoExpirationSeconds: Expiry,
  tributeCharacterExpirationSeconds: Expiry,
};

/**
 * What may cross between the cluster's servers (docs/clusters.md#transfer-rules). Every member
 * starts with the same rules: a rule only one map has makes transfers work one way and not back.
 */
export const TransferRules = z
  .strictObject({
    noTransferFromFiltering: rulesShape.noTransferFromFiltering.default(false),
    preventDownloadSurvivors: rulesShape.preventDownloadSurvivors.default(false),
    preventDownloadItems: rulesShape.preventDownloadItems.default(false),
    preventDownloadDinos: rulesShape.preventDownloadDinos.default(false),
    preventUploadSurvivors: rulesShape.preventUploadSurvivors.default(false),
    preventUploadItems: rulesShape.preventUploadItems.default(false),
    preventUploadDinos: rulesShape.preventUploadDinos.default(false),
    tributeItemExpirationSeconds: Expiry.default(null),
    tributeDinoExpirationSeconds: Expiry.default(null),
    tributeCharacterExpirationSeconds: Expiry.default(null),
  })
  .meta({ id: 'TransferRules' });
export type TransferRules = z.output<typeof TransferRules>;

/** Only the rules sent change; no defaults are filled in. */
const TransferRulesPatch = z.strictObject(rulesShape).partial().meta({ id: 'TransferRulesPatch' });

export const Cluster = z
  .object({
    id: Id,
    name: z.string(),
    gameClusterId: z.string().describe('The -clusterid every member starts with: random, never "default"'),
    clusterDir: z
      .string()
      .describe(
        "The -ClusterDirOverride of the members on this PC: folders[this PC's agent id], else <dataRoot>/runtime/clusters/<id>",
      ),
    folders: z
      .record(z.string(), z.string())
      .describe(
        'Agent id → the cluster folder as that host sees it (a share every member can reach). A host without one uses a folder under its own data root, so its members only transfer among themselves',
      ),
    transferRules: TransferRules,
    members: z.array(Id).describe('Ids of the instances in the cluster'),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Cluster' });
export type Cluster = z.infer<typeof Cluster>;

const ClusterName = z.string().trim().min(1, 'Give the cluster a name').max(64, 'At most 64 characters');

/*
 * ARK reads -ClusterDirOverride up to the first space, and Windows quotes an argument with a space,
 * which Unreal's parser then misreads (docs/clusters.md): such a folder could never work.
 */
// eslint-disable-next-line no-control-regex -- a control character would end the argument too
const UNSAFE_FOLDER = /[?"\s\u0000-\u001f\u007f]/;
const isAbsoluteFolder = (p: string) => /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\') || p.startsWith('/');

/** A folder as one host sees it: absolute (a drive, a UNC share or a POSIX path), no spaces, `?` or quotes. */
export const ClusterFolder = z
  .string()
  .trim()
  .min(1, 'Give the folder')
  .max(400, 'At most 400 characters')
  .refine(isAbsoluteFolder, 'An absolute path: D:\\ark-cluster, \\\\nas\\ark-cluster or /mnt/ark-cluster')
  .refine((p) => !UNSAFE_FOLDER.test(p), 'ARK cannot read a cluster folder with spaces, ? or quotes');

/** The id ARK groups transfers by: letters, digits, `-` and `_`, as it goes on the command line unquoted. */
export const GameClusterId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Letters, digits, - and _ only (1 to 64)')
  .describe('The -clusterid every member starts with');

export const CreateClusterBody = z
  .strictObject({ name: ClusterName, transferRules: TransferRulesPatch.optional() })
  .meta({ id: 'CreateClusterBody' });
export type CreateClusterBody = z.infer<typeof CreateClusterBody>;

export const UpdateClusterBody = z
  .strictObject({
    name: ClusterName.optional(),
    transferRules: TransferRulesPatch.optional(),
    folders: z
      .record(Id, ClusterFolder.nullable())
      .optional()
      .describe("Agent id → that host's cluster folder; null goes back to the folder under its data root"),
  })
  .meta({ id: 'UpdateClusterBody' });
export type UpdateClusterBody = z.infer<typeof UpdateClusterBody>;

/**
 * A cluster as its control plane defines it, written onto a remote host's manager so that host's
 * members start with the same id, folder and rules (docs/clusters.md#clusters-across-hosts). Also
 * lets a user bring an existing cluster id (one that other servers already use) under the manager.
 */
export const PutClusterBody = z
  .strictObject({
    name: ClusterName,
    gameClusterId: GameClusterId,
    transferRules: TransferRulesPatch.optional(),
    clusterDir: ClusterFolder.optional().describe('Default: <dataRoot>/runtime/clusters/<id>'),
  })
  .meta({ id: 'PutClusterBody' });
export type PutClusterBody = z.infer<typeof PutClusterBody>;

export const StartClusterBody = z
  .strictObject({
    gapSeconds: z
      .int()
      .min(0)
      .max(600)
      .optional()
      .describe('Wait this long after one member is running (or failed) before starting the next (default 30)'),
  })
  .meta({ id: 'StartClusterBody' });
export type StartClusterBody = z.infer<typeof StartClusterBody>;

export const ClusterJobsAccepted = z.object({ jobs: z.array(Job) }).meta({ id: 'ClusterJobsAccepted' });
export type ClusterJobsAccepted = z.infer<typeof ClusterJobsAccepted>;

export const ClusterBackup = z
  .object({
    file: z.string().describe('The zip of the cluster folder, under <dataRoot>/backups/clusters/<id>'),
    sizeBytes: z.int().nonnegative(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'ClusterBackup' });
export type ClusterBackup = z.infer<typeof ClusterBackup>;

export const ClusterIdParams = z.object({ id: Id });
