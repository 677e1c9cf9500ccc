import type { InstanceMod } from '@ark-asa/contracts';

/** One mod row as the API sends it, for tests; override what the test is about. */
export function mod(over: Partial<InstanceMod> = {}): InstanceMod {
  return {
    modId: '928597',
    name: 'Awesome Spyglass',
    summary: null,
    authors: [],
    logoUrl: null,
    websiteUrl: null,
    latestFileId: '5000',
    latestFileName: 'spyglass-5000.zip',
    latestFileDate: null,
    fetchedAt: null,
    unknown: false,
    installed: true,
    installedFileId: '5000',
    updateAvailable: false,
    ...over,
  };
}
