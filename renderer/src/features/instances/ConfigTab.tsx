import { Alert, Button, Group, Loader, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { CONFIG_FILES, type ConfigFileName, type Instance } from '@ark-asa/contracts';
import { useConfigDocument } from './config-document.ts';
import { ConfigFilePane } from './ConfigFilePane.tsx';
import { ConfigNotes } from './ConfigNotes.tsx';
import classes from './ConfigTab.module.css';

/** GameUserSettings.ini and Game.ini as text, edited byte-exact while the server is stopped. */
export function ConfigTab({ instance }: { instance: Instance }) {
  const [file, setFile] = useState<ConfigFileName>('GameUserSettings.ini');
  const [switchTo, setSwitchTo] = useState<ConfigFileName | null>(null);
  const doc = useConfigDocument(instance, file);
  useWarnBeforeUnload(doc.dirty);

  const choose = (next: string) => {
    const target = CONFIG_FILES.find((f) => f === next);
    if (!target || target === file) return;
    if (doc.dirty) setSwitchTo(target);
    else setFile(target);
  };
  const discardAndSwitch = () => {
    doc.revert();
    if (switchTo) setFile(switchTo);
    setSwitchTo(null);
  };

  return (
    <div className={classes.root}>
      <Group justify="space-between" gap="xs">
        <SegmentedControl
          size="xs"
          value={file}
          onChange={choose}
          data={CONFIG_FILES.map((f) => ({ value: f, label: f === file && doc.dirty ? `${f} •` : f }))}
          aria-label="Config file"
          data-testid="config-file-switch"
        />
        <ConfigNotes file={file} instanceId={instance.id} />
      </Group>
      {doc.error ? (
        <Alert color="red" title={`Could not read ${file}`}>
          {doc.error.message}
        </Alert>
      ) : doc.loading ? (
        <Loader size="sm" />
      ) : (
        <ConfigFilePane key={`${instance.id}/${file}`} instance={instance} file={file} doc={doc} />
      )}
      <Modal opened={switchTo !== null} onClose={() => setSwitchTo(null)} title={`Unsaved changes in ${file}`} centered>
        <Stack>
          <Text size="sm">
            Switching to {switchTo} discards your changes to {file}.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSwitchTo(null)} data-autofocus>
              Keep editing
            </Button>
            <Button color="red" onClick={discardAndSwitch}>
              Discard and switch
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}

/** Closing or reloading the window would lose the edit: the browser asks first. */
function useWarnBeforeUnload(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
