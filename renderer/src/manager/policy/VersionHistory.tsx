import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { PolicyVersionSummary } from '../../../../shared/api/policy-editor';
import { formatInstant } from '../../format/dates';
import { PolicyVersionModal } from './PolicyVersionModal';

interface Props {
  versions: PolicyVersionSummary[] | null;
  error: string | null;
}

/** Every published version, newest first; any of them opens read-only. */
export function VersionHistory({ versions, error }: Props) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="policy-history-heading">
      <Title order={3} id="policy-history-heading">
        Version history
      </Title>
      {error && (
        <Alert color="red" variant="light" title="The versions could not be read" role="alert">
          {error}
        </Alert>
      )}
      {!versions && !error && <Loader size="sm" aria-label="Loading the versions" />}
      {versions && (
        <Table striped withTableBorder>
          <Table.Caption>Published versions of the financial policy, newest first</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Version</Table.Th>
              <Table.Th scope="col">Published</Table.Th>
              <Table.Th scope="col">Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.version}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {v.version}
                    {v.inForce && (
                      <Badge size="sm" radius="sm">
                        In force
                      </Badge>
                    )}
                  </Group>
                  <Button size="compact-xs" variant="default" mt={4} onClick={() => setOpen(v.version)}>
                    Open version {v.version}
                  </Button>
                </Table.Td>
                <Table.Td>
                  {formatInstant(new Date(v.publishedAt))}
                  <Text size="xs" c="dimmed">
                    by {v.publishedBy}
                  </Text>
                </Table.Td>
                <Table.Td>{v.note ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PolicyVersionModal version={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
