export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  // Binary units, named as such: 1 GiB = 1024³ bytes (Windows' "GB" is the same number, mislabelled).
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

export function percent(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${n.toFixed(n < 10 ? 1 : 0)}%`;
}

export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

export function time(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export const MAP_NAMES: Record<string, string> = {
  TheIsland_WP: 'The Island',
  ScorchedEarth_WP: 'Scorched Earth',
  TheCenter_WP: 'The Center',
  Aberration_WP: 'Aberration',
  Extinction_WP: 'Extinction',
  Ragnarok_WP: 'Ragnarok',
  Valguero_WP: 'Valguero',
  Astraeos_WP: 'Astraeos',
  LostColony_WP: 'Lost Colony',
  Genesis_WP: 'Genesis: Part 1',
  BobsMissions_WP: 'Club ARK',
};

export const mapName = (id: string) => MAP_NAMES[id] ?? id;

/**
 * Players as "3 / 70" while the server runs and "– / 70" when it does not (nobody can be on it,
 * and "0" would read as a measured count): one convention on every page.
 */
export function players(online: number | null | undefined, max: number, live: boolean): string {
  return `${live ? (online ?? 0) : '–'} / ${max}`;
}
