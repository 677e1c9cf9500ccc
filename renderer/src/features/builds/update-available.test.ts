import type { BuildList, Instance } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { downloadOffer, offer, updateAvailable, updateText } from './update-available.ts';

const builds = (latestBuildId: string | null, ids: string[]): BuildList => ({
  items: ids.map((buildId) => ({
    buildId,
    installPath: `/b/${buildId}`,
    installedAt: '2030-01-01T00:00:00.000Z',
    sizeBytes: 1,
    usedBy: [],
  })),
  nextCursor: null,
  latestBuildId,
  latestCheckedAt: null,
});
const instance = (buildId: string | null, extra: Partial<Instance> = {}) => ({ buildId, ...extra }) as Instance;

describe('update-available', () => {
  it('offers the served build whichever way it lies, numerically beyond 2^53', () => {
    expect(offer('150', '200')).toEqual({ buildId: '200', direction: 'newer' });
    expect(offer('200', '150')).toEqual({ buildId: '150', direction: 'rollback' });
    expect(offer('9', '10')?.direction).toBe('newer');
    expect(offer('18014398509481985', '18014398509481984')?.direction).toBe('rollback');
    expect(offer('200', '200')).toBeNull();
    expect(offer(null, '200')).toBeNull();
  });

  it("prefers the control plane's answer, and derives one from the builds list for an older server", () => {
    const served = { buildId: '150', direction: 'rollback' } as const;
    expect(updateAvailable(instance('200', { updateAvailable: served }), builds('999', []))).toEqual(served);
    expect(updateAvailable(instance('200', { updateAvailable: null }), builds('150', []))).toBeNull();
    expect(updateAvailable(instance('200'), builds('150', ['200']))).toEqual(served);
  });

  it('words a newer build and a rollback differently', () => {
    expect(updateText({ buildId: '200', direction: 'newer' })).toBe('Update available: build 200');
    expect(updateText({ buildId: '150', direction: 'rollback' })).toBe('Steam rolled back to build 150');
  });

  it('offers a download only for a served build the cache lacks', () => {
    expect(downloadOffer(builds('150', ['200']))).toEqual({ buildId: '150', direction: 'rollback' });
    expect(downloadOffer(builds('300', ['200']))).toEqual({ buildId: '300', direction: 'newer' });
    expect(downloadOffer(builds('150', ['150', '200']))).toBeNull();
    expect(downloadOffer(builds('150', []))).toEqual({ buildId: '150', direction: 'newer' });
    expect(downloadOffer(builds(null, ['200']))).toBeNull();
  });
});
