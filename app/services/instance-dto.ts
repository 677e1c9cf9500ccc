import { SECRET_MASK, type Instance, type InstanceRuntime, type InstanceSettings } from '@ark-asa/contracts';
import { updateAvailableFor } from '../domain/build-update.ts';
import { foldLegacySwitchArgs } from '../domain/command-line-flags.ts';
import type { InstanceRecord } from '../store/index.ts';

const mask = (secret: string) => (secret ? SECRET_MASK : '');

/**
 * Extra options whose value is a secret: ARK has several (`SpectatorPassword`, mods' own
 * `…Password`, `…Token`, `…Key`), and they travel with the settings like the two passwords do.
 */
const SECRET_KEY = /password|passwd|pwd|secret|token|api_?key/i;

function keyOf(arg: string): string {
  return arg.replace(/^-/, '').split('=')[0]!;
}

export function isSecretArg(arg: string): boolean {
  return arg.includes('=') && SECRET_KEY.test(keyOf(arg));
}

/** `SpectatorPassword=hunter2` → `SpectatorPassword=********`; other options unchanged. */
export function maskArgs(args: string[]): string[] {
  return args.map((arg) => {
    if (!isSecretArg(arg)) return arg;
    const value = arg.slice(arg.indexOf('=') + 1);
    return `${arg.slice(0, arg.indexOf('=') + 1)}${mask(value)}`;
  });
}

/**
 * A list sent back with masked values: each `Key=********` takes the stored value of the same key
 * (as a masked password keeps the stored one). One with no stored value stays masked: see
 * `maskedLeft`.
 */
export function unmaskArgs(next: string[], stored: string[]): string[] {
  const storedByKey = new Map(stored.filter(isSecretArg).map((arg) => [keyOf(arg).toLowerCase(), arg]));
  return next.map((arg) => {
    if (!isSecretArg(arg) || arg.slice(arg.indexOf('=') + 1) !== SECRET_MASK) return arg;
    return storedByKey.get(keyOf(arg).toLowerCase()) ?? arg;
  });
}

/** Options still carrying the mask after `unmaskArgs`: the client sent a mask with nothing behind it. */
export function maskedLeft(args: string[]): string[] {
  return args.filter((arg) => isSecretArg(arg) && arg.slice(arg.indexOf('=') + 1) === SECRET_MASK);
}

/** Secrets never leave the control plane (docs/rest-api.md#conventions): passwords are masked, password-like options too. */
export function maskSettings(stored: InstanceSettings): InstanceSettings {
  // Shown as the switches they became, so that saving the form does not send them back as extras.
  const s = foldLegacySwitchArgs(stored);
  return {
    ...s,
    adminPassword: mask(s.adminPassword),
    serverPassword: mask(s.serverPassword),
    extraQueryArgs: maskArgs(s.extraQueryArgs),
    extraDashArgs: maskArgs(s.extraDashArgs),
  };
}

export function toInstanceDto(r: InstanceRecord, runtime: InstanceRuntime | null = null): Instance {
  return {
    id: r.id,
    name: r.name,
    agentId: r.agentId,
    status: r.status,
    buildId: r.buildId,
    installPath: r.installPath,
    settings: maskSettings(r.settings),
    runtime,
    attention: null,
    ...(r.inPlace ? { inPlace: true } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Adds the build Steam serves when it differs from the instance's, newer or rolled back (issue #10). */
export function withUpdateAvailable(dto: Instance, servedBuildId: string | null): Instance {
  return { ...dto, updateAvailable: updateAvailableFor(dto.buildId, servedBuildId) };
}
