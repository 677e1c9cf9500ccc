import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { PrereqItem } from '@ark-asa/contracts';

interface Props {
  opened: boolean;
  items: readonly PrereqItem[];
  busy: boolean;
  onClose: () => void;
  onConsent: () => void;
}

/** Says what will run as administrator before anything does: the consent the API asks for. */
export function PrereqInstallDialog({ opened, items, busy, onClose, onConsent }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Install Windows prerequisites" size="lg">
      <Stack>
        <Text size="sm">The manager will download and install:</Text>
        <List size="sm">
          {items.map((i) => (
            <List.Item key={i.id}>{i.name}</List.Item>
          ))}
        </List>
        <Alert color="yellow" title="Windows will ask for administrator rights">
          Each installer runs as administrator, so Windows shows a User Account Control prompt: answer Yes to let it
          install. Installers come from Microsoft (checked for Microsoft's signature) and the certificates from Amazon
          (checked against Amazon Root CA 1). Answer No and nothing is installed.
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={onConsent} loading={busy} data-testid="prereqs-consent">
            Install as administrator
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
