import { Alert, List, UnstyledButton } from '@mantine/core';
import { useMemo, type RefObject } from 'react';
import type { ConfigFileName } from '@ark-asa/contracts';
import { selectAndReveal } from '../instances/config-reveal.ts';
import { useGameSettingsCatalogue } from './game-settings-api.ts';
import { findMisplacedKeys, type MisplacedKey } from './misplaced-keys.ts';

export interface MisplacedKeysListProps {
  text: string;
  file: ConfigFileName;
  /** The raw editor: a click on a warning selects its line there. */
  editorRef: RefObject<HTMLTextAreaElement | null>;
}

/** Offsets of a 1-based line of "\n"-separated text. */
function lineRange(text: string, line: number): [number, number] {
  let start = 0;
  for (let i = 1; i < line; i++) start = text.indexOf('\n', start) + 1;
  const end = text.indexOf('\n', start);
  return [start, end === -1 ? text.length : end];
}

/**
 * The raw editor's warning for known keys typed under a section where the game does not read them,
 * kept up to date as the text changes (the catalogue says where each key belongs).
 */
export function MisplacedKeysList({ text, file, editorRef }: MisplacedKeysListProps) {
  const { data: catalogue } = useGameSettingsCatalogue();
  const found = useMemo(() => (catalogue ? findMisplacedKeys(text, file, catalogue) : []), [text, file, catalogue]);
  if (!found.length) return null;
  const jump = (m: MisplacedKey) => {
    const el = editorRef.current;
    if (!el) return;
    const [start, end] = lineRange(text, m.line);
    el.focus();
    selectAndReveal(el, start, end);
  };
  return (
    <Alert
      color="orange"
      variant="light"
      p="xs"
      mah={120}
      style={{ overflowY: 'auto', flexShrink: 0 }}
      data-testid="config-misplaced"
    >
      <List size="sm" spacing={2}>
        {found.map((m) => (
          <List.Item key={`${m.line}:${m.key}`} data-testid="config-misplaced-item">
            <UnstyledButton fz="sm" onClick={() => jump(m)} title="Select the line in the editor">
              Line {m.line}: {m.key} belongs in [{m.expectedSection}]
              {m.section === null ? ' (it is above every section)' : ` (it is under [${m.section}])`}
            </UnstyledButton>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
