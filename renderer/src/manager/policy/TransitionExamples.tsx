import { Table, Text } from '@mantine/core';
import type { PreviewTransition } from '../../../../shared/api/policy-editor';
import { formatCents } from '../../../../shared/money';
import { formatUsDate } from '../../format/dates';

/** A handful of the items behind one transition, largest first: who, which item, how much, and why under the change. */
export function TransitionExamples({ transition }: { transition: PreviewTransition }) {
  const more = transition.items - transition.examples.length;
  return (
    <>
      <Table striped>
        <Table.Caption>
          {transition.examples.length === transition.items ? 'All' : `The ${transition.examples.length} largest`} of {transition.summary}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Patient</Table.Th>
            <Table.Th scope="col">Item and open balance</Table.Th>
            <Table.Th scope="col">Why, after the change</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {transition.examples.map((e) => (
            <Table.Tr key={e.itemId}>
              <Table.Td>
                {e.patientName}
                <Text size="xs" c="dimmed">
                  MRN {e.mrn}
                </Text>
              </Table.Td>
              <Table.Td>
                {formatUsDate(e.serviceDate)} · {e.serviceCode} {e.description}
                <Text size="sm" fw={600}>
                  {formatCents(e.openCents)} open
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{e.reason}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {more > 0 && (
        <Text size="xs" c="dimmed" mt="xs">
          and {more.toLocaleString('en-US')} more.
        </Text>
      )}
    </>
  );
}
