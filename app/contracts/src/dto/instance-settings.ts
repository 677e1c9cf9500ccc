/* eslint-disable no-control-regex -- refusing control characters is the point of these patterns */
import { z } from 'zod';
import { AsaApiSetting } from './asa-api.ts';
import { FLAG_DASH_KEYS, FLAG_QUERY_KEYS, flagsCrossChecks, flagsPatchShape, flagsShape } from './instance-flags.ts';

/** Map ids of the official ASA maps (docs/ark-facts.md#maps). Mod maps use their own ids. */
export const OFFICIAL_MAPS = [
  'TheIsland_WP',
  'ScorchedEarth_WP',
  'TheCenter_WP',
  'Aberration_WP',
  'Extinction_WP',
  'Ragnarok_WP',
  'Valguero_WP',
  'Astraeos_WP',
  'LostColony_WP',
  'Genesis_WP',
  'BobsMissions_WP',
] as const;

export const PLATFORMS = ['PC', 'XSX', 'PS5', 'WINGDK'] as const;

/*
 * Everything below ends up on ARK's command line, where `?` separates URL options, `"` quotes and
 * control characters end the argument. A field carrying one of them could smuggle in a second
 * option (`?ServerAdminPassword=…`), so they are refused here rather than escaped later.
 */
const UNSAFE = /[?"\u0000-\u001f\u007f]/;
const UNSAFE_OR_SPACE = /[?"\s\u0000-\u001f\u007f]/;

const MapId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_]{0,63}$/,
    'Use an official map id such as TheIsland_WP, or a mod map id made of letters, digits and _',
  );

const Port = z
  .int('Must be a whole number')
  .min(1024, 'Use a port from 1024 to 65535')
  .max(65535, 'Use a port from 1024 to 65535');

const SessionName = z
  .string()
  .trim()
  .min(1, 'Give the server a name players will see')
  .max(100, 'At most 100 characters')
  .refine((s) => !UNSAFE.test(s), 'Must not contain ?, " or control characters');

const Password = z
  .string()
  .max(64, 'At most 64 characters')
  // abort: a password already refused here is not refused again by the RCON rule below.
  .refine((s) => !UNSAFE_OR_SPACE.test(s), {
    message: 'Must not contain spaces, ?, " or control characters',
    abort: true,
  });

/**
 * The admin password is also the RCON password, and ARK's RCON rejects a login whose password has
 * characters outside basic Latin (ASCII): the server would run but could never be saved or stopped
 * gracefully (docs/ark-facts.md, RCON).
 */
const AdminPassword = Password.refine(
  (s) => /^[\x00-\x7f]*$/.test(s),
  'Use only basic Latin letters, digits and symbols (no accents or other scripts): ARK’s RCON rejects other characters',
);

const ModId = z.string().regex(/^\d{1,12}$/, 'CurseForge mod ids are numbers, e.g. 928597');

const ModList = z
  .array(ModId)
  .max(200)
  .refine((ids) => new Set(ids).size === ids.length, 'Each mod may appear only once');

/** Options the manager itself sets; an extra argument may not override them behind its back. */
/** Options the manager sets itself (lower case); an extra argument may not override them. */
export const MANAGED_QUERY_KEYS: readonly string[] = [
  'listen',
  'sessionname',
  'port',
  'rconenabled',
  'rconport',
  'serveradminpassword',
  'serverpassword',
  ...FLAG_QUERY_KEYS,
];
export const MANAGED_DASH_KEYS: readonly string[] = [
  'winlivemaxplayers',
  'mods',
  'passivemods',
  'clusterid',
  'clusterdiroverride',
  'nobattleye',
  'usebattleye',
  'serverplatform',
  ...FLAG_DASH_KEYS,
];

function extraArg(shape: RegExp, managed: readonly string[], example: string) {
  return z
    .string()
    .max(2000, 'At most 2,000 characters per option')
    .regex(shape, `Write one option as Key or Key=Value without spaces, ? or quotes, e.g. ${example}`)
    .refine(
      (arg) => !managed.includes(arg.replace(/^-/, '').split('=')[0]!.toLowerCase()),
      'This option is set from the settings form; change it there',
    );
}

const ExtraQueryArg = extraArg(
  /^[A-Za-z][A-Za-z0-9_.]*(=[^?"\s\u0000-\u001f\u007f]*)?$/,
  MANAGED_QUERY_KEYS,
  'AllowFlyerCarryPvE=True',
);
const ExtraDashArg = extraArg(
  /^-?[A-Za-z][A-Za-z0-9_.]*(=[^?"\s\u0000-\u001f\u007f]*)?$/,
  MANAGED_DASH_KEYS,
  '-ForceAllowCaveFlyers',
);

// No spaces: Windows would quote the whole `-ClusterDirOverride=…` argument and UE's parser then
// stops at the space or skips the quoted text; a path without spaces (or a junction) is safe.
const ClusterDir = z
  .string()
  .max(260)
  .refine((s) => !UNSAFE_OR_SPACE.test(s), 'Use a path without spaces, ? or quotes (make a junction if needed)');

const settingsShape = {
  map: MapId.default('TheIsland_WP'),
  sessionName: SessionName.default('My ARK Server'),
  gamePort: Port.default(7777).describe('UDP port players join on'),
  rconPort: Port.default(27020).describe('TCP port of RCON'),
  maxPlayers: z.int().min(1).max(500).default(70),
  serverPassword: Password.default('').describe('Join password; empty for none'),
  adminPassword: AdminPassword.default('').describe('Admin and RCON password; generated when left empty'),
  mods: ModList.default([]),
  passiveMods: ModList.default([]),
  clusterId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{0,64}$/, 'Letters, digits, _ and - only')
    .default(''),
  clusterDir: ClusterDir.default(''),
  battlEye: z.boolean().default(false),
  platforms: z.array(z.enum(PLATFORMS)).max(4).default([]).describe('Empty means every platform (crossplay)'),
  autoRestartOnCrash: z.boolean().default(true),
  extraQueryArgs: z.array(ExtraQueryArg).max(100).default([]),
  extraDashArgs: z.array(ExtraDashArg).max(100).default([]),
  asaApi: AsaApiSetting.default({ enabled: false }),
  ...flagsShape,
};

/**
 * Windows refuses a command line longer than 32,767 characters, and a server that cannot be started
 * is worse than an option refused here; the options the manager writes itself take a few hundred.
 */
const EXTRA_ARGS_MAX_TOTAL = 30_000;

function crossFieldChecks(
  s: Partial<{
    gamePort: number;
    rconPort: number;
    clusterDir: string;
    clusterId: string;
    extraQueryArgs: string[];
    extraDashArgs: string[];
  }>,
  ctx: z.RefinementCtx,
) {
  const extra = [...(s.extraQueryArgs ?? []), ...(s.extraDashArgs ?? [])].reduce((n, a) => n + a.length + 1, 0);
  if (extra > EXTRA_ARGS_MAX_TOTAL) {
    ctx.addIssue({
      code: 'custom',
      path: ['extraDashArgs'],
      message: `The extra options add up to ${extra} characters; at most ${EXTRA_ARGS_MAX_TOTAL} fit on a Windows command line`,
    });
  }
  if (s.gamePort !== undefined && s.gamePort === s.rconPort) {
    ctx.addIssue({ code: 'custom', path: ['rconPort'], message: 'RCON needs a port of its own, not the game port' });
  }
  if (s.clusterDir && !s.clusterId) {
    ctx.addIssue({ code: 'custom', path: ['clusterId'], message: 'A cluster directory needs a cluster id' });
  }
}

/** Instance settings as stored; every field has a default, so `{}` is a valid input. */
export const InstanceSettings = z
  .strictObject(settingsShape)
  .superRefine(crossFieldChecks)
  .superRefine(flagsCrossChecks)
  .meta({ id: 'InstanceSettings' });
export type InstanceSettings = z.output<typeof InstanceSettings>;
export type InstanceSettingsInput = z.input<typeof InstanceSettings>;

/** A PATCH carries only the fields it changes; defaults are not applied. */
export const InstanceSettingsPatch = z
  .strictObject({
    map: MapId,
    sessionName: SessionName,
    gamePort: Port,
    rconPort: Port,
    maxPlayers: settingsShape.maxPlayers.unwrap(),
    serverPassword: Password,
    adminPassword: AdminPassword,
    mods: ModList,
    passiveMods: ModList,
    clusterId: settingsShape.clusterId.unwrap(),
    clusterDir: ClusterDir,
    battlEye: z.boolean(),
    platforms: settingsShape.platforms.unwrap(),
    autoRestartOnCrash: z.boolean(),
    extraQueryArgs: settingsShape.extraQueryArgs.unwrap(),
    extraDashArgs: settingsShape.extraDashArgs.unwrap(),
    asaApi: AsaApiSetting,
    ...flagsPatchShape,
  })
  .partial()
  .meta({ id: 'InstanceSettingsPatch' });
export type InstanceSettingsPatch = z.infer<typeof InstanceSettingsPatch>;

/** Runs the cross-field rules on a merged settings object (after a PATCH). */
export const validateMergedSettings = (s: InstanceSettings) => InstanceSettings.safeParse(s);
