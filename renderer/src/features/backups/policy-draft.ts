import { BackupPolicy } from '@ark-asa/contracts';

export const GIB = 1024 ** 3;

/** The form's view of a policy: sizes in GiB, and each limit switchable off ("none" is null in the API). */
export interface PolicyDraft {
  keepCount: number | '';
  ageLimit: boolean;
  maxAgeDays: number | '';
  sizeLimit: boolean;
  maxTotalGb: number | '';
}

export type PolicyField = 'keepCount' | 'maxAgeDays' | 'maxTotalBytes';

/** GiB with at most two decimals: 20 GiB reads "20", not "20.000000001". */
const toGb = (b: number) => Math.round((b / GIB) * 100) / 100;

export function draftFromPolicy(p: BackupPolicy): PolicyDraft {
  return {
    keepCount: p.keepCount,
    ageLimit: p.maxAgeDays !== null,
    maxAgeDays: p.maxAgeDays ?? 30,
    sizeLimit: p.maxTotalBytes !== null,
    maxTotalGb: p.maxTotalBytes === null ? 20 : toGb(p.maxTotalBytes),
  };
}

export function policyFromDraft(d: PolicyDraft): BackupPolicy {
  return {
    keepCount: Number(d.keepCount),
    maxAgeDays: d.ageLimit ? Number(d.maxAgeDays) : null,
    maxTotalBytes: d.sizeLimit ? Math.round(Number(d.maxTotalGb) * GIB) : null,
  };
}

/**
 * Messages in the form's own units (days, GiB) before anything is sent; the contract's schema runs
 * last as a net, with its messages (the server's 400 shows at the same fields).
 */
export function policyErrors(d: PolicyDraft): Partial<Record<PolicyField, string>> {
  const errors: Partial<Record<PolicyField, string>> = {};
  if (d.keepCount === '' || !Number.isInteger(d.keepCount) || d.keepCount < 1 || d.keepCount > 10_000)
    errors.keepCount = 'A whole number from 1 to 10 000';
  if (d.ageLimit && (d.maxAgeDays === '' || d.maxAgeDays <= 0 || d.maxAgeDays > 36_500))
    errors.maxAgeDays = 'More than 0 and at most 36 500 days, or switch the age limit off';
  if (
    d.sizeLimit &&
    (d.maxTotalGb === '' || d.maxTotalGb <= 0 || !Number.isSafeInteger(Math.round(d.maxTotalGb * GIB)))
  )
    errors.maxTotalBytes = 'A size above 0 GiB, or switch the size limit off';
  if (Object.keys(errors).length) return errors;
  const parsed = BackupPolicy.safeParse(policyFromDraft(d));
  for (const issue of parsed.success ? [] : parsed.error.issues) errors[issue.path[0] as PolicyField] ??= issue.message;
  return errors;
}

/** "Keeps the newest 48 backups, none older than 30 days, at most 20 GiB together." */
export function describePolicy(p: BackupPolicy): string {
  const parts = [`the newest ${p.keepCount} backup${p.keepCount === 1 ? '' : 's'}`];
  if (p.maxAgeDays !== null) parts.push(`none older than ${p.maxAgeDays} day${p.maxAgeDays === 1 ? '' : 's'}`);
  if (p.maxTotalBytes !== null) parts.push(`at most ${toGb(p.maxTotalBytes)} GiB together`);
  return `Keeps ${parts.join(', ')}.`;
}
