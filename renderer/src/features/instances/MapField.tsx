import { Autocomplete, Group, Text, type OptionsFilter } from '@mantine/core';
import { OFFICIAL_MAPS } from '@ark-asa/contracts';
import { mapName } from '../../components/format.ts';

const OFFICIAL: readonly string[] = OFFICIAL_MAPS;

/**
 * Mantine's Autocomplete puts an option's *label* into the field, so the options are the map ids
 * themselves and the friendly name is only drawn: picking "Ragnarok" writes `Ragnarok_WP`.
 */
export const MAP_IDS = [...OFFICIAL_MAPS];

/** What a person types: part of the name ("ragn", "the island") or of the id. An id already chosen shows every map. */
export const mapFilter: OptionsFilter = ({ options, search }) => {
  const q = search.trim().toLowerCase();
  if (!q || OFFICIAL.includes(search)) return options;
  return options.filter(
    (o) => 'value' in o && (o.value.toLowerCase().includes(q) || mapName(o.value).toLowerCase().includes(q)),
  );
};

/** A pasted label ("Ragnarok (Ragnarok_WP)") or a full friendly name becomes the id; anything else is a mod map id. */
export function mapIdFrom(text: string): string {
  return OFFICIAL.find((id) => text === `${mapName(id)} (${id})` || text === mapName(id)) ?? text;
}

export function MapField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const known = OFFICIAL.includes(value);
  return (
    <Autocomplete
      label="Map"
      description={known ? `${mapName(value)}, an official map` : 'An official map, or the id of a mod map'}
      data={MAP_IDS}
      filter={mapFilter}
      limit={OFFICIAL.length}
      value={value}
      onChange={(text) => onChange(mapIdFrom(text))}
      error={error}
      classNames={{ input: 'mono' }}
      renderOption={({ option }) => (
        <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
          <Text size="sm">{mapName(option.value)}</Text>
          <Text size="xs" c="dimmed" className="mono">
            {option.value}
          </Text>
        </Group>
      )}
    />
  );
}
