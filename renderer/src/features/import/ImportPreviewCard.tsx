import { Alert, Card, List, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportPreview } from '@ark-asa/contracts';
import { bytes, mapName } from '../../components/format.ts';

const LIST_NAMES = { admins: 'Admins', 'exclusive-join': 'Exclusive join', 'join-no-check': 'Join without check' };

/** What the import will bring in, before anything happens. */
export function ImportPreviewCard({ preview }: { preview: ImportPreview }) {
  const s = preview.settings;
  const rows: [string, string | number | undefined][] = [
    ['Map', preview.map ? mapName(preview.map) : 'not found (The Island by default)'],
    ['Session name', s.sessionName],
    ['Game port', s.gamePort],
    ['RCON port', s.rconPort],
    ['Max players', s.maxPlayers],
    ['Mods', s.mods?.length ? s.mods.join(', ') : undefined],
    ['Cluster id', s.clusterId || undefined],
  ];
  return (
    <Card data-testid="import-preview">
      <Stack gap="sm">
        <Title order={5}>What will be imported from {preview.sourcePath}</Title>
        <Table withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {rows
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Td w={160}>
                    <Text size="sm" c="dimmed">
                      {k}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{v}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
        <List size="sm" spacing={2}>
          {preview.worlds.map((w) => (
            <List.Item key={`${w.saveDir}/${w.folder}`}>
              World {w.saveDir}/{w.folder}/{w.world} ({bytes(w.sizeBytes)}, {w.profiles} player and tribe files)
            </List.Item>
          ))}
          {preview.configFiles.map((f) => (
            <List.Item key={f.name}>
              {f.name} ({bytes(f.sizeBytes)})
            </List.Item>
          ))}
          {preview.playerLists.map((l) => (
            <List.Item key={l.list}>
              {LIST_NAMES[l.list]} list ({l.ids} ids)
            </List.Item>
          ))}
          {preview.clusterDir && <List.Item>Cluster folder {preview.clusterDir}</List.Item>}
          {preview.startScripts.map((sc) => (
            <List.Item key={sc.path}>
              {sc.used ? 'Start arguments from ' : 'Also found (not used): '}
              {sc.path}
            </List.Item>
          ))}
        </List>
        {preview.warnings.length > 0 && (
          <Alert color="yellow" variant="light" title="Worth knowing">
            <List size="sm" spacing={2}>
              {preview.warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
