import { describe, expect, it } from 'vitest';
import { mapFilter, mapIdFrom, MAP_IDS } from './MapField.tsx';

const options = MAP_IDS.map((id) => ({ value: id, label: id }));
const shown = (search: string) => mapFilter({ options, search, limit: 99 }).map((o) => ('value' in o ? o.value : ''));

describe('the map field', () => {
  it('finds a map by its name or its id, in any case', () => {
    expect(shown('ragn')).toEqual(['Ragnarok_WP']);
    expect(shown('the island')).toEqual(['TheIsland_WP']);
    expect(shown('SCORCHED')).toEqual(['ScorchedEarth_WP']);
  });

  it('shows every map once one is chosen, so the list stays a list', () => {
    expect(shown('TheIsland_WP')).toHaveLength(MAP_IDS.length);
    expect(shown('')).toHaveLength(MAP_IDS.length);
  });

  it('turns a label or a friendly name into the id and keeps a mod map id as typed', () => {
    expect(mapIdFrom('Ragnarok (Ragnarok_WP)')).toBe('Ragnarok_WP');
    expect(mapIdFrom('The Island')).toBe('TheIsland_WP');
    expect(mapIdFrom('MyModMap_WP')).toBe('MyModMap_WP');
  });
});
