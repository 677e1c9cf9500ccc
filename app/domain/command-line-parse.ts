import {
  InstanceSettingsPatch,
  MANAGED_DASH_KEYS,
  MANAGED_QUERY_KEYS,
  PLATFORMS,
  type InstanceSettingsPatch as SettingsPatch,
} from '@ark-asa/contracts';

/**
 * The reverse of buildServerCommandLine (command-line.ts): the settings a server started with
 * `<Map>?opt=v?… -flag -flag=v …` runs with, for importing a server someone started by hand. What
 * the manager manages gets its field; every other option is kept as an extra argument when the
 * settings schema accepts it, and otherwise left out with a warning (never silently).
 */
export interface ParsedArguments {
  /** Raw values by field, checked later with the INI's and a profile's (see keepValid). */
  raw: Mutable;
  settings: SettingsPatch;
  warnings: string[];
}

type Mutable = Record<string, unknown>;

const SWITCHES: Record<string, string> = {
  pconlymods: 'pcOnlyMods',
  exclusivejoin: 'exclusiveJoin',
  nohangdetection: 'noHangDetection',
  servergamelog: 'serverGameLog',
  usedynamicconfig: 'useDynamicConfig',
};

/** Options ASA ignores or the manager sets itself; importing them would only be noise. */
const DROPPED_QUERY = new Set(['listen', 'rconenabled', 'queryport']);
const DROPPED_DASH = new Set(['log', 'nosteamclient']);

const splitList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const toInt = (v: string) => (/^\d{1,6}$/.test(v) ? Number(v) : Number.NaN);

function queryOption(key: string, value: string | undefined, out: Mutable, extras: string[], warnings: string[]) {
  const k = key.toLowerCase();
  const v = value ?? '';
  if (k === 'sessionname') out.sessionName = v;
  else if (k === 'port') out.gamePort = toInt(v);
  else if (k === 'rconport') out.rconPort = toInt(v);
  else if (k === 'serveradminpassword') out.adminPassword = v;
  else if (k === 'serverpassword') out.serverPassword = v;
  else if (k === 'maxplayers') out.maxPlayers = toInt(v);
  else if (k === 'customdynamicconfigurl') out.dynamicConfigUrl = v;
  else if (DROPPED_QUERY.has(k)) {
    if (k === 'queryport') warnings.push('QueryPort is not used by ASA; it was left out');
  } else extras.push(value === undefined ? key : `${key}=${value}`);
}

function dashOption(arg: string, out: Mutable, extras: string[]) {
  const [rawKey, ...rest] = arg.replace(/^-+/, '').split('=');
  const key = rawKey!.toLowerCase();
  const value = rest.length > 0 ? rest.join('=') : undefined;
  if (key === 'winlivemaxplayers' && value !== undefined) out.maxPlayers = toInt(value);
  else if (key === 'mods' && value !== undefined) out.mods = splitList(value);
  else if (key === 'passivemods' && value !== undefined) out.passiveMods = splitList(value);
  else if (key === 'clusterid' && value !== undefined) out.clusterId = value;
  else if (key === 'clusterdiroverride' && value !== undefined) out.clusterDir = value;
  else if (key === 'nobattleye') out.battlEye = false;
  else if (key === 'usebattleye') out.battlEye = true;
  else if (key === 'serverplatform' && value !== undefined)
    out.platforms = value.split('+').map((p) => PLATFORMS.find((q) => q.toLowerCase() === p.toLowerCase()) ?? p);
  else if (SWITCHES[key]) out[SWITCHES[key]] = true;
  else if (!DROPPED_DASH.has(key)) extras.push(`-${value === undefined ? rawKey : `${rawKey}=${value}`}`);
}

/** `-mods` lists passive mods too (the wiki asks for that); the settings keep each id in one list. */
function separatePassive(out: Mutable): void {
  if (Array.isArray(out.passiveMods) && Array.isArray(out.mods)) {
    const passive = new Set(out.passiveMods as string[]);
    out.mods = (out.mods as string[]).filter((id) => !passive.has(id));
  }
}

/**
 * Keeps each field the settings schema accepts; a refused one is named in a warning and dropped,
 * so one odd option does not stop the whole import. Passwords are never echoed.
 */
export function keepValid(out: Mutable, warnings: string[]): SettingsPatch {
  const kept: Mutable = {};
  for (const [field, value] of Object.entries(out)) {
    const one = InstanceSettingsPatch.safeParse({ [field]: value });
    if (one.success) {
      kept[field] = (one.data as Mutable)[field];
      continue;
    }
    const shown = /password/i.test(field) ? '(hidden)' : JSON.stringify(value);
    warnings.push(`${field} ${shown} was left out: ${one.error.issues[0]?.message ?? 'not accepted'}`);
  }
  return kept;
}

function keepExtras(field: 'extraQueryArgs' | 'extraDashArgs', args: string[], out: Mutable, warnings: string[]) {
  const managed = field === 'extraQueryArgs' ? MANAGED_QUERY_KEYS : MANAGED_DASH_KEYS;
  const ok: string[] = [];
  for (const arg of args) {
    const key = arg.replace(/^-/, '').split('=')[0]!.toLowerCase();
    if (managed.includes(key)) continue;
    if (InstanceSettingsPatch.safeParse({ [field]: [arg] }).success) ok.push(arg);
    else
      warnings.push(
        `The option ${JSON.stringify(arg.replace(/(password=).*/i, '$1…'))} was left out: the manager cannot pass it safely`,
      );
  }
  if (ok.length > 0) out[field] = ok;
}

/** The settings a server started with `args` (the arguments after the executable) runs with. */
export function parseServerArguments(args: readonly string[]): ParsedArguments {
  const warnings: string[] = [];
  const out: Mutable = {};
  const query: string[] = [];
  const dash: string[] = [];
  const [first, ...rest] = args;
  const flags = first !== undefined && !first.startsWith('-') ? rest : [...args];
  if (first !== undefined && !first.startsWith('-')) {
    const [map, ...options] = first.split('?');
    if (map) out.map = map;
    for (const option of options) {
      if (option === '') continue;
      const eq = option.indexOf('=');
      queryOption(
        eq === -1 ? option : option.slice(0, eq),
        eq === -1 ? undefined : option.slice(eq + 1),
        out,
        query,
        warnings,
      );
    }
  }
  for (const arg of flags) {
    if (arg.startsWith('-')) dashOption(arg, out, dash);
    else warnings.push(`The argument ${JSON.stringify(arg)} is not an option ARK reads; it was left out`);
  }
  if (out.dynamicConfigUrl && !out.useDynamicConfig) delete out.dynamicConfigUrl;
  separatePassive(out);
  keepExtras('extraQueryArgs', query, out, warnings);
  keepExtras('extraDashArgs', dash, out, warnings);
  const raw = { ...out };
  return { raw, settings: keepValid(out, warnings), warnings };
}
