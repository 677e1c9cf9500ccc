import type { InstanceMod } from '@ark-asa/contracts';

export interface ModLook {
  label: string;
  color: string;
  /** The badge's tooltip: what it means for the next start. */
  hint: string;
}

/** The status badge of one mod row, most pressing first. */
export function modLook(mod: InstanceMod): ModLook {
  if (mod.unknown)
    return {
      label: 'Not found',
      color: 'red',
      hint: 'CurseForge has no ASA mod with this id: check it in the Settings tab',
    };
  if (mod.updateAvailable)
    return { label: 'Update available', color: 'amber', hint: 'The server downloads the new file at its next start' };
  if (!mod.installed)
    return { label: 'Not installed yet', color: 'gray', hint: 'The server downloads it at its next start' };
  if (mod.latestFileId && mod.installedFileId === mod.latestFileId)
    return { label: 'Up to date', color: 'teal', hint: 'The installed file is the latest' };
  return { label: 'Installed', color: 'gray', hint: 'Installed; the latest file is not known yet' };
}

/** The mod's name, or its id when CurseForge has not been asked (no key) or does not know it. */
export function modTitle(mod: InstanceMod): string {
  return mod.name ?? `Mod ${mod.modId}`;
}

/** When CurseForge was last asked about any of these mods; null when never. */
export function lastFetched(mods: readonly InstanceMod[]): string | null {
  let latest: string | null = null;
  for (const m of mods)
    if (m.fetchedAt && (!latest || Date.parse(m.fetchedAt) > Date.parse(latest))) latest = m.fetchedAt;
  return latest;
}
