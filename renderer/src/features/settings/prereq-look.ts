import type { PrereqId, PrereqItem, PrereqState } from '@ark-asa/contracts';

export const STATE_LOOK: Record<PrereqState, { label: string; color: string }> = {
  ok: { label: 'Installed', color: 'teal' },
  missing: { label: 'Missing', color: 'red' },
  unknown: { label: 'Unknown', color: 'yellow' },
  'not-applicable': { label: 'Not applicable', color: 'gray' },
};

/** What "Install missing…" installs: the missing ones, and the unknown ones (installing twice is harmless). */
export function installable(items: readonly PrereqItem[]): PrereqId[] {
  return items.filter((i) => i.state === 'missing' || i.state === 'unknown').map((i) => i.id);
}
