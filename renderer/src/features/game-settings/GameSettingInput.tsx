import { NumberInput, Select, Switch, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { GameSettingDef, GameSettingChangeValue } from './game-settings-types.ts';

export interface GameSettingInputProps {
  def: GameSettingDef;
  value: string | number | boolean | null;
  error: string | undefined;
  disabled: boolean;
  description: ReactNode;
  onChange: (value: GameSettingChangeValue) => void;
}

/** The input that fits the setting's type; out-of-range numbers stay as typed so the error can say why. */
export function GameSettingInput({ def, value, error, disabled, description, onChange }: GameSettingInputProps) {
  const common = { label: def.label, description, error, disabled, 'data-setting-key': def.key };
  switch (def.type) {
    case 'boolean':
      return (
        // Switch's <label> wraps the description too; the name is the label alone, as for the other inputs.
        <Switch
          {...common}
          aria-label={def.label}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          mt={4}
        />
      );
    case 'integer':
    case 'float':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' || typeof value === 'string' ? value : ''}
          onChange={(v) => onChange(v)}
          min={def.min}
          max={def.max}
          step={def.type === 'integer' ? 1 : 0.1}
          allowDecimal={def.type === 'float'}
          clampBehavior="none"
        />
      );
    case 'enum':
      return (
        <Select
          {...common}
          data={def.options ?? []}
          value={value === null ? null : String(value)}
          onChange={(v) => onChange(v)}
          allowDeselect={false}
        />
      );
    case 'string':
      return (
        <TextInput
          {...common}
          value={value === null ? '' : String(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}
