import { describe, expect, it } from 'vitest';
import { compareBuildIds, describeUpdate, updateAvailableFor } from './build-update.ts';

describe('updateAvailableFor', () => {
  it('offers the build Steam serves when it is newer', () => {
    expect(updateAvailableFor('150', '200')).toEqual({ buildId: '200', direction: 'newer' });
  });

  it('offers the build Steam serves when Steam rolled back to an older one', () => {
    expect(updateAvailableFor('200', '150')).toEqual({ buildId: '150', direction: 'rollback' });
  });

  it('offers nothing when the served build is installed, or either is unknown', () => {
    expect(updateAvailableFor('200', '200')).toBeNull();
    expect(updateAvailableFor(null, '200')).toBeNull();
    expect(updateAvailableFor('200', null)).toBeNull();
  });

  it('compares numerically, beyond 2^53 and across digit counts', () => {
    expect(updateAvailableFor('9', '10')?.direction).toBe('newer');
    expect(updateAvailableFor('18014398509481985', '18014398509481984')?.direction).toBe('rollback');
    expect(compareBuildIds('100', '25')).toBe(1);
    expect(compareBuildIds('abc', '1')).toBe(-1);
  });

  it('words the two directions differently', () => {
    expect(describeUpdate({ buildId: '200', direction: 'newer' })).toBe('build 200 is out');
    expect(describeUpdate({ buildId: '150', direction: 'rollback' })).toBe('Steam rolled back to build 150');
  });
});
