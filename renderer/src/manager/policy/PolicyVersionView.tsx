import { Alert, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { PolicyVersionView as VersionView } from '../../../../shared/api/policy-editor';
import { fieldLabel, formatFieldValue } from '../../../../shared/policy/fields';
import { formatInstant } from '../../format/dates';
import { useApiQuery } from '../../hooks/use-api-query';

/** One published version, read-only: who published it and why, its written clauses, its settings. */
export function PolicyVersionView({ version }: { version: number }) {
  const query = useApiQuery('getPolicyVersion', { version });
  if (query.error) {
    return (
      <Alert color="red" variant="light" title={`Version ${version} could not be opened`} role="alert">
        {query.error}
      </Alert>
    );
  }
  if (!query.data) return <Loader size="sm" aria-label={`Loading version ${version}`} />;
  return <VersionBody view={query.data} />;
}

function VersionBody({ view }: { view: VersionView }) {
  return (
    <Stack gap="md">
      <Text size="sm">
        {view.title}. Published {formatInstant(new Date(view.publishedAt))} by {view.publishedBy}
        {view.inForce ? '; in force now.' : '; no longer in force.'}
      </Text>
      {view.note && (
        <Text size="sm" c="dimmed">
          Note: {view.note}
        </Text>
      )}
      <Title order={3} size="h5">
        The written policy
      </Title>
      <Stack gap="xs">
        {view.clauses.map((clause) => (
          <div key={clause.section}>
            <Text size="sm" fw={600}>
              {clause.section} {clause.title}
            </Text>
            <Text size="sm">{clause.text}</Text>
            <Text size="xs" c="dimmed">
              Source: {clause.source}
            </Text>
          </div>
        ))}
      </Stack>
      <Table striped withTableBorder>
          <Table.Caption>Settings of version {view.version}</Table.Caption>
          <Table.Tbody>
            {settingRows(view.document).map(([path, value]) => (
              <Table.Tr key={path}>
                <Table.Th scope="row" fw={500}>
                  {fieldLabel(path)}
                </Table.Th>
                <Table.Td>{formatFieldValue(path, value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Every setting as [path, value]: objects opened up, lists kept whole. */
function settingRows(value: unknown, path: string[] = []): [string, unknown][] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) => settingRows(inner, [...path, key]));
  }
  return [[path.join('.'), value]];
}
