import { Fieldset, SimpleGrid, Switch, TextInput } from '@mantine/core';
import type { InstanceSettingsInput } from '@ark-asa/contracts';
import { describe, SWITCH_FIELDS } from './settings-fields.ts';

interface Props {
  values: InstanceSettingsInput;
  onChange: (patch: Partial<InstanceSettingsInput>) => void;
  error: (key: keyof InstanceSettingsInput) => string | undefined;
}

/** The player and admin switches of the settings form; the lists they use are edited below the form. */
export function PlayerSwitchesFields({ values, onChange, error }: Props) {
  return (
    <Fieldset legend="Players and admin">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {SWITCH_FIELDS.map(({ key, label }) => (
          <Switch
            key={key}
            label={label}
            description={describe(key)}
            checked={values[key] ?? false}
            onChange={(e) => onChange({ [key]: e.currentTarget.checked })}
            data-testid={`switch-${key}`}
          />
        ))}
        {values.useDynamicConfig && (
          <TextInput
            label="Dynamic config URL"
            description={describe('dynamicConfigUrl')}
            placeholder="https://example.com/ark/dynamicconfig.ini"
            value={values.dynamicConfigUrl ?? ''}
            onChange={(e) => onChange({ dynamicConfigUrl: e.currentTarget.value })}
            error={error('dynamicConfigUrl')}
          />
        )}
      </SimpleGrid>
    </Fieldset>
  );
}
