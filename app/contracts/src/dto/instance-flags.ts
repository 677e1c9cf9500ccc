/* eslint-disable no-control-regex -- refusing control characters is the point of this pattern */
import { z } from 'zod';

/*
 * The switches players and admins ask for (docs/ark-facts.md#player-lists-and-admin-flags). Each is
 * off by default, so an instance that never set them starts with the very command line it had.
 */

/**
 * The dynamic config URL goes on the command line as `?CustomDynamicConfigUrl=<url>`, where `?`
 * starts the next option, `#` starts Unreal's URL portal, and `"` or whitespace split the argument.
 * A URL with a query string cannot travel there safely, so it is refused rather than mangled.
 */
const URL_UNSAFE = /[?#"\s\u0000-\u001f\u007f]/;

export const DynamicConfigUrl = z
  .string()
  .trim()
  .max(2000, 'At most 2000 characters')
  .refine((s) => s === '' || /^https?:\/\/[^/]/i.test(s), 'Use an http:// or https:// address')
  .refine((s) => !URL_UNSAFE.test(s), 'Must not contain ?, #, quotes or spaces (no query string)');

export const flagsShape = {
  pcOnlyMods: z.boolean().default(false).describe('Adds -pconlymods'),
  exclusiveJoin: z
    .boolean()
    .default(false)
    .describe('Adds -exclusivejoin: only players on the exclusive-join list can join'),
  noHangDetection: z
    .boolean()
    .default(false)
    .describe('Adds -NoHangDetection: without it the engine ends a start that takes over 45 minutes'),
  serverGameLog: z
    .boolean()
    .default(false)
    .describe('Adds -servergamelog: the admin and game log, readable with RCON GetGameLog'),
  useDynamicConfig: z
    .boolean()
    .default(false)
    .describe('Adds -UseDynamicConfig: the server reads live-tunable settings from the URL below'),
  dynamicConfigUrl: DynamicConfigUrl.default('').describe('Where the dynamic config (an INI) is served'),
};

/** The same fields for a PATCH: no defaults, each optional. */
export const flagsPatchShape = {
  pcOnlyMods: z.boolean(),
  exclusiveJoin: z.boolean(),
  noHangDetection: z.boolean(),
  serverGameLog: z.boolean(),
  useDynamicConfig: z.boolean(),
  dynamicConfigUrl: DynamicConfigUrl,
};

/** Dash flags and `?` options these fields set; an extra argument may not set them behind the form's back. */
export const FLAG_DASH_KEYS = ['pconlymods', 'exclusivejoin', 'nohangdetection', 'servergamelog', 'usedynamicconfig'];
export const FLAG_QUERY_KEYS = ['customdynamicconfigurl'];

interface CheckedFields {
  mods?: readonly string[];
  passiveMods?: readonly string[];
  useDynamicConfig?: boolean;
  dynamicConfigUrl?: string;
}

/**
 * A mod is either active or passive. `-passivemods` wins over `-mods` for an id in both, so listing
 * it twice only hides which one the user meant; the command line builder adds passive ids to
 * `-mods` itself, where the wiki wants them.
 */
export function flagsCrossChecks(s: CheckedFields, ctx: z.RefinementCtx): void {
  const active = new Set(s.mods ?? []);
  const both = (s.passiveMods ?? []).filter((id) => active.has(id));
  if (both.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['passiveMods'],
      message: `${both.join(', ')} ${both.length === 1 ? 'is' : 'are'} also in Mods; a mod is either active or passive, remove it from one list`,
    });
  }
  if (s.useDynamicConfig && !s.dynamicConfigUrl) {
    ctx.addIssue({
      code: 'custom',
      path: ['dynamicConfigUrl'],
      message: 'Give the URL of the dynamic config, or turn it off',
    });
  }
}
