import { Anchor, Badge, Card, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import type { InstanceMod } from '@ark-asa/contracts';
import { modLook, modTitle } from './mod-look.ts';

export interface ModsTableProps {
  title: string;
  description: string;
  mods: InstanceMod[];
  kind: 'mod' | 'passive';
}

/** One list of mods (the load-ordered mods, or the passive ones) with installed and latest files. */
export function ModsTable({ title, description, mods, kind }: ModsTableProps) {
  const headingId = `mods-${kind}-heading`;
  return (
    <Card>
      <Stack gap="xs">
        <div>
          <Title order={4} id={headingId}>
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        <Table.ScrollContainer minWidth={640}>
          {/* Fixed widths: the mods and passive mods tables line up column by column. */}
          <Table verticalSpacing="xs" layout="fixed" aria-labelledby={headingId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={48}>#</Table.Th>
                <Table.Th>Mod</Table.Th>
                <Table.Th w="16%">Installed file</Table.Th>
                <Table.Th w="28%">Latest on CurseForge</Table.Th>
                <Table.Th w={180}>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mods.map((m, n) => (
                <ModRow key={`${m.modId}-${n}`} mod={m} position={n + 1} kind={kind} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}

function ModRow({ mod, position, kind }: { mod: InstanceMod; position: number; kind: 'mod' | 'passive' }) {
  const look = modLook(mod);
  return (
    <Table.Tr data-testid="mod-row" data-mod-id={mod.modId} data-kind={kind} data-update={mod.updateAvailable}>
      <Table.Td c="dimmed">{position}</Table.Td>
      <Table.Td>
        <ModName mod={mod} />
      </Table.Td>
      <Table.Td>
        {mod.installedFileId ? (
          <Text size="sm" className="mono">
            {mod.installedFileId}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {mod.installed ? 'Unknown file' : 'Not installed'}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <LatestFile mod={mod} />
      </Table.Td>
      <Table.Td>
        <Tooltip label={look.hint} withArrow>
          <Badge color={look.color} variant={look.color === 'gray' ? 'outline' : 'light'}>
            {look.label}
          </Badge>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

function ModName({ mod }: { mod: InstanceMod }) {
  const title = modTitle(mod);
  return (
    <div>
      {mod.websiteUrl ? (
        <Anchor
          href={mod.websiteUrl}
          target="_blank"
          rel="noreferrer"
          size="sm"
          fw={600}
          title="Open its CurseForge page"
        >
          {title}
        </Anchor>
      ) : (
        <Text size="sm" fw={mod.name ? 600 : 400}>
          {title}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {mod.name ? (
          <>
            id <span className="mono">{mod.modId}</span>
          </>
        ) : null}
        {mod.authors.length ? `${mod.name ? ' · ' : ''}by ${mod.authors.join(', ')}` : null}
      </Text>
    </div>
  );
}

function LatestFile({ mod }: { mod: InstanceMod }) {
  if (!mod.latestFileId)
    return (
      <Text size="sm" c="dimmed">
        Unknown
      </Text>
    );
  return (
    <div>
      <Text size="sm" className="mono">
        {mod.latestFileId}
      </Text>
      {(mod.latestFileName || mod.latestFileDate) && (
        <Text size="xs" c="dimmed" lineClamp={1} title={mod.latestFileName ?? undefined}>
          {[mod.latestFileName, mod.latestFileDate && new Date(mod.latestFileDate).toLocaleDateString()]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      )}
    </div>
  );
}
