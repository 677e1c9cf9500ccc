/* eslint-disable no-control-regex -- refusing control characters is the point of UNSAFE */
import { type InstanceSettings, MANAGED_DASH_KEYS, MANAGED_QUERY_KEYS, SECRET_MASK } from '@ark-asa/contracts';
import { AppError } from './app-error.ts';
import { dynamicConfigOptions, foldLegacySwitchArgs, modFlags, switchFlags } from './command-line-flags.ts';
import { type ClusterLaunch, withCluster } from './cluster-args.ts';

/*
 * ARK's command line is `<Map>?opt=v?opt=v… -flag -flag=v …` (docs/ark-facts.md#command-line). All `?` options
 * share the first argument, so a `?` inside a value starts a new option, and `"` or a control
 * character changes how the process command line is split. The settings schema refuses these
 * already; this builder refuses them again because an injected `?ServerAdminPassword=` or
 * `?RCONPort=` is the one mistake here that would be a security bug rather than a typo.
 */
const UNSAFE = /[?"\u0000-\u001f\u007f]/;

/**
 * The arguments (without the executable) to start ArkAscendedServer.exe with, for a spawn without
 * a shell: argv elements are quoted by the OS layer, so nothing is quoted here.
 */
export function buildServerCommandLine(own: InstanceSettings, cluster: ClusterLaunch | null = null): string[] {
  // A managed cluster's id, folder and transfer rules win over the instance's own cluster fields.
  const merged = cluster ? withCluster(own, cluster) : own;
  const settings = foldLegacySwitchArgs(merged);
  return [buildUrl(settings), ...buildFlags(settings)];
}

function buildUrl(s: InstanceSettings): string {
  if (!/^[A-Za-z0-9_]+$/.test(s.map)) throw invalid('map', 'Use a map id made of letters, digits and _');
  const options = [
    'listen',
    `SessionName=${text('sessionName', s.sessionName, true)}`,
    `Port=${port('gamePort', s.gamePort)}`,
    'RCONEnabled=True',
    `RCONPort=${port('rconPort', s.rconPort)}`,
    // RCON is enabled, so an empty password would leave it open or unusable.
    `ServerAdminPassword=${text('adminPassword', s.adminPassword, true)}`,
  ];
  if (s.serverPassword !== '') options.push(`ServerPassword=${text('serverPassword', s.serverPassword, true)}`);
  options.push(...dynamicConfigOptions(s));
  s.extraQueryArgs.forEach((arg, i) => options.push(extraArg(`extraQueryArgs.${i}`, arg, MANAGED_QUERY_KEYS)));
  return [s.map, ...options].join('?');
}

function buildFlags(s: InstanceSettings): string[] {
  if (!Number.isInteger(s.maxPlayers) || s.maxPlayers < 1) throw invalid('maxPlayers', 'Must be a whole number from 1');
  const flags = [`-WinLiveMaxPlayers=${s.maxPlayers}`];
  flags.push(...modFlags(s));
  if (s.clusterId !== '') flags.push(`-clusterid=${text('clusterId', s.clusterId)}`);
  if (s.clusterDir !== '') flags.push(`-ClusterDirOverride=${text('clusterDir', s.clusterDir)}`);
  if (!s.battlEye) flags.push('-NoBattlEye');
  if (s.platforms.length > 0)
    flags.push(`-ServerPlatform=${s.platforms.map((p, i) => word(`platforms.${i}`, p)).join('+')}`);
  flags.push(...switchFlags(s));
  s.extraDashArgs.forEach((arg, i) =>
    flags.push(`-${extraArg(`extraDashArgs.${i}`, arg.replace(/^-/, ''), MANAGED_DASH_KEYS)}`),
  );
  return flags;
}

function invalid(field: string, message: string): AppError {
  // Never echo the value: it may be a password.
  return AppError.validation([{ field, message }]);
}

function text(field: string, value: string, required = false): string {
  if (required && value === '') throw invalid(field, 'Must not be empty');
  if (UNSAFE.test(value)) throw invalid(field, 'Must not contain ?, " or control characters');
  return value;
}

function port(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw invalid(field, 'Must be a port from 1 to 65535');
  return value;
}

function word(field: string, value: string): string {
  if (!/^[A-Za-z0-9]+$/.test(value)) throw invalid(field, 'Must be letters and digits only');
  return value;
}

/** One `Key` or `Key=Value` option; its key must be a name and not one the builder manages. */
function extraArg(field: string, arg: string, managed: readonly string[]): string {
  text(field, arg);
  const key = arg.split('=')[0]!;
  if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(key)) throw invalid(field, 'Write one option as Key or Key=Value');
  if (managed.includes(key.toLowerCase())) throw invalid(field, 'This option is set from the settings form');
  return arg;
}

/*
 * Any `…Password=` value: ServerAdminPassword and ServerPassword from the builder, SpectatorPassword
 * or a dash flag from the extras, and the server's own echo of its command line in ShooterGame.log.
 * A value runs to the next `?`, quote or whitespace, or to the closing quote when quoted; an empty
 * value stays empty so that "no password" still reads as such.
 */
const SECRET_VALUE = /((?:^|[?\s"-])[A-Za-z0-9_.]*password=)("[^"]*"?|[^?\s"]+)/gi;

/** What every match of SECRET_VALUE contains. */
const PASSWORD_ASSIGNMENT = /password=/i;

/** Masks password values in free text, e.g. a logged command line. */
export function redactSecrets(line: string): string {
  // Nearly no line holds one: a literal search skips the costlier pattern (every server log line comes here).
  if (!line.includes('=') || !PASSWORD_ASSIGNMENT.test(line)) return line;
  return line.replace(SECRET_VALUE, (_all, prefix: string) => `${prefix}${SECRET_MASK}`);
}

/** The command line with every password value masked, for logs and events. */
export function redactCommandLine(args: readonly string[]): string[] {
  return args.map(redactSecrets);
}
