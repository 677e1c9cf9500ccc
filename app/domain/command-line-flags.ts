/* eslint-disable no-control-regex -- refusing control characters is the point of URL_UNSAFE */
import type { InstanceSettings } from '@ark-asa/contracts';
import { AppError } from './app-error.ts';

/*
 * The player and admin switches of the command line (docs/ark-facts.md#player-lists-and-admin-flags).
 * Stored settings from before these fields existed lack them; a missing switch reads as off, so
 * such an instance keeps the command line it had.
 */

// `?` would start another option, `#` Unreal's URL portal; quotes and whitespace split the argument.
const URL_UNSAFE = /[?#"\s\u0000-\u001f\u007f]/;

const invalid = (field: string, message: string) => AppError.validation([{ field, message }]);

/** `?CustomDynamicConfigUrl=<url>` when the dynamic config is on, else nothing. */
export function dynamicConfigOptions(s: InstanceSettings): string[] {
  if (s.useDynamicConfig !== true) return [];
  const url = s.dynamicConfigUrl ?? '';
  if (!/^https?:\/\/[^/]/i.test(url)) throw invalid('dynamicConfigUrl', 'Use an http:// or https:// address');
  if (URL_UNSAFE.test(url)) throw invalid('dynamicConfigUrl', 'Must not contain ?, #, quotes or spaces');
  return [`CustomDynamicConfigUrl=${url}`];
}

/** The on/off switches, in a fixed order so the same settings always give the same command line. */
export function switchFlags(s: InstanceSettings): string[] {
  const flags: string[] = [];
  if (s.pcOnlyMods === true) flags.push('-pconlymods');
  if (s.exclusiveJoin === true) flags.push('-exclusivejoin');
  if (s.noHangDetection === true) flags.push('-NoHangDetection');
  if (s.serverGameLog === true) flags.push('-servergamelog');
  if (s.useDynamicConfig === true) flags.push('-UseDynamicConfig');
  return flags;
}

function checkedIds(field: string, ids: readonly string[]): string[] {
  ids.forEach((id, i) => {
    if (!/^\d+$/.test(id)) throw invalid(`${field}.${i}`, 'CurseForge mod ids are numbers');
  });
  return [...ids];
}

/**
 * `-mods=` and `-passivemods=`. The wiki asks for passive mods to be listed in `-mods` too, first;
 * `-passivemods` then turns their gameplay off while their data still loads. The settings keep
 * the two lists apart (an id in both is refused), so the passive ids are put in front here.
 */
export function modFlags(s: InstanceSettings): string[] {
  const passive = checkedIds('passiveMods', s.passiveMods);
  const active = checkedIds('mods', s.mods).filter((id) => !passive.includes(id));
  const flags: string[] = [];
  if (passive.length + active.length > 0) flags.push(`-mods=${[...passive, ...active].join(',')}`);
  if (passive.length > 0) flags.push(`-passivemods=${passive.join(',')}`);
  return flags;
}

/** Bare dash flags that became switches, by the lower-case flag name. */
const SWITCH_OF_FLAG = {
  pconlymods: 'pcOnlyMods',
  exclusivejoin: 'exclusiveJoin',
  nohangdetection: 'noHangDetection',
  servergamelog: 'serverGameLog',
  usedynamicconfig: 'useDynamicConfig',
} as const satisfies Record<string, keyof InstanceSettings>;

const flagName = (arg: string) => arg.replace(/^-/, '').toLowerCase();

/**
 * Before these switches existed, users typed them as extra arguments (`-servergamelog` is in
 * half the start scripts out there). Such stored settings are now refused by the schema, which
 * would stop a server that ran yesterday from starting today, or fail an unrelated PATCH. So a
 * bare switch flag among the stored extras turns its switch on and leaves the extras, and a
 * `CustomDynamicConfigUrl=` extra fills an empty URL field; the command line stays what it was.
 * Returns the same object when there is nothing to fold.
 */
export function foldLegacySwitchArgs(s: InstanceSettings): InstanceSettings {
  const extraDash = s.extraDashArgs ?? [];
  const extraQuery = s.extraQueryArgs ?? [];
  const dash = extraDash.filter((a) => flagName(a) in SWITCH_OF_FLAG);
  const query = extraQuery.filter((a) => a.split('=')[0]!.toLowerCase() === 'customdynamicconfigurl');
  if (dash.length === 0 && query.length === 0) return s;
  const folded: InstanceSettings = {
    ...s,
    extraDashArgs: extraDash.filter((a) => !dash.includes(a)),
    extraQueryArgs: extraQuery.filter((a) => !query.includes(a)),
  };
  for (const arg of dash) folded[SWITCH_OF_FLAG[flagName(arg) as keyof typeof SWITCH_OF_FLAG]] = true;
  const url = query[0]?.slice(query[0].indexOf('=') + 1) ?? '';
  if (!folded.dynamicConfigUrl && url) folded.dynamicConfigUrl = url;
  return folded;
}
