import { Alert, Badge, Button, Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useEffectEvent, useMemo, useRef, useState, type RefObject } from 'react';
import type { ConfigFileName, Instance } from '@ark-asa/contracts';
import { useAction } from '../../components/use-action.ts';
import type { useConfigDocument } from './config-document.ts';
import { selectAndReveal } from './config-reveal.ts';
import { findAll, pickMatch } from './config-search.ts';
import { caretPosition } from './config-text.ts';
import { ConfigEditor } from './ConfigEditor.tsx';
import { ConfigSearch } from './ConfigSearch.tsx';
import { MisplacedKeysList } from '../game-settings/MisplacedKeysList.tsx';
import classes from './ConfigTab.module.css';

type ConfigDocument = ReturnType<typeof useConfigDocument>;

/** Find in the text; the current match is selected in the editor while the find box keeps the focus. */
function useFind(text: string, editor: RefObject<HTMLTextAreaElement | null>) {
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState<number | null>(null);
  const [caret, setCaret] = useState(0);
  const matches = useMemo(() => findAll(text, query), [text, query]);
  const cur = current !== null && current < matches.length ? current : null;
  const go = (list: readonly number[], idx: number | null, length: number) => {
    setCurrent(idx);
    const at = idx === null ? undefined : list[idx];
    if (at !== undefined && editor.current) selectAndReveal(editor.current, at, at + length);
    return at;
  };
  return {
    query,
    matches,
    current: cur,
    caret,
    // Typing searches from where the caret was, like a browser's find-as-you-type.
    setQuery: (q: string) => {
      setQuery(q);
      const list = findAll(text, q);
      go(list, pickMatch(list, caret, 1, null), q.length);
    },
    step: (dir: 1 | -1) => {
      const at = go(matches, pickMatch(matches, caret, dir, cur), query.length);
      if (at !== undefined) setCaret(at);
    },
    // A click or typing in the text moves the starting point; sitting on the current match keeps it.
    onCaret: (offset: number) => {
      setCaret(offset);
      if (cur === null || matches[cur] !== offset) setCurrent(null);
    },
  };
}

export function ConfigFilePane({
  instance,
  file,
  doc,
}: {
  instance: Instance;
  file: ConfigFileName;
  doc: ConfigDocument;
}) {
  const editor = useRef<HTMLTextAreaElement>(null);
  const findBox = useRef<HTMLInputElement>(null);
  const [reverting, setReverting] = useState(false);
  const find = useFind(doc.text, editor);
  const save = useAction(() => doc.save(), { success: () => `Saved ${file}` });
  const canSave = doc.dirty && doc.editable && !save.isPending;

  const onShortcut = useEffectEvent((e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 'f') {
      e.preventDefault();
      findBox.current?.focus();
      findBox.current?.select();
    }
    if (key === 's') {
      e.preventDefault();
      if (canSave) save.mutate([]);
    }
  });
  useEffect(() => {
    const handler = (e: KeyboardEvent) => onShortcut(e);
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);

  const pos = caretPosition(doc.text, find.caret);
  const lines = doc.text === '' ? 0 : doc.text.split('\n').length - (doc.text.endsWith('\n') ? 1 : 0);
  return (
    <div className={classes.pane}>
      <Group justify="space-between" gap="xs">
        <ConfigSearch
          query={find.query}
          onQuery={find.setQuery}
          count={find.matches.length}
          current={find.current}
          onStep={find.step}
          onDone={() => editor.current?.focus()}
          inputRef={findBox}
        />
        <Group gap="xs">
          {doc.dirty && (
            <Badge color="amber" variant="light" data-testid="config-modified">
              Modified
            </Badge>
          )}
          <Button
            variant="default"
            disabled={!doc.dirty}
            onClick={() => setReverting(true)}
            data-testid="config-revert"
          >
            Revert
          </Button>
          <Button
            disabled={!canSave}
            loading={save.isPending}
            onClick={() => save.mutate([])}
            data-testid="config-save"
          >
            Save
          </Button>
        </Group>
      </Group>
      <EditNotices instance={instance} file={file} doc={doc} />
      <MisplacedKeysList text={doc.text} file={file} editorRef={editor} />
      <ConfigEditor
        text={doc.text}
        onChange={doc.setText}
        readOnly={!doc.editable}
        label={`${file} of ${instance.name}`}
        matches={find.matches}
        matchLength={find.query.length}
        current={find.current}
        onCaret={find.onCaret}
        textareaRef={editor}
      />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed" data-testid="config-status">
          {doc.shape.eol === '\r\n' ? 'CRLF' : 'LF'} line endings
          {doc.shape.mixed ? ' (the file mixed CRLF and LF; saving writes one kind)' : ''} · {lines} lines · Ln{' '}
          {pos.line}, Col {pos.column}
        </Text>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">F</Kbd> find · <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">S</Kbd> save
          · <Kbd size="xs">Tab</Kbd> leaves the editor
        </Text>
      </Group>
      <Modal opened={reverting} onClose={() => setReverting(false)} title={`Revert ${file}?`} centered>
        <Stack>
          <Text size="sm">Your unsaved changes are thrown away and the file is shown as it is on disk.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReverting(false)} data-autofocus>
              Keep my changes
            </Button>
            <Button color="red" onClick={() => (doc.revert(), setReverting(false))}>
              Revert
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}

function EditNotices({ instance, file, doc }: { instance: Instance; file: ConfigFileName; doc: ConfigDocument }) {
  if (!doc.editable) {
    const running = ['STARTING', 'RUNNING', 'STOPPING'].includes(instance.status);
    return (
      <Alert color="yellow" variant="light" p="xs" data-testid="config-readonly">
        {instance.status === 'NOT_INSTALLED'
          ? 'This server is not installed yet, so it has no config files to edit.'
          : running
            ? `Read-only while the server is ${instance.status.toLowerCase()}. Stop the server first: it rewrites GameUserSettings.ini when it exits, so changes made now would be lost.`
            : `Read-only while the server is busy (${instance.status.toLowerCase()}); editing comes back when it has finished.`}
      </Alert>
    );
  }
  if (doc.changedUnderneath) {
    return (
      <Alert color="orange" variant="light" p="xs">
        {file} changed on disk after you began this edit (a server rewrites it when it exits). Save replaces it with
        your version; Revert shows the file as it is now.
      </Alert>
    );
  }
  return null;
}
