import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { PatientBalance } from '../../../../shared/contract';
import { formatCents } from '../../../../shared/money';
import { itemName } from '../../desk/verdict-view';
import type { RecordedPayment } from './PaymentForm';

const METHOD_NAMES = { cash: 'cash', check: 'check', card: 'card' } as const;

/** Where the money went (the core's allocation), and the balance now. */
export function PaymentResult({ payment, balance, onReceipt, onDone }: { payment: RecordedPayment; balance: PatientBalance; onReceipt(): void; onDone(): void }) {
  const { outcome, itemsBefore } = payment;
  const nameOf = (itemId: number) => {
    const item = itemsBefore.find((i) => i.id === itemId) ?? balance.items.find((i) => i.id === itemId);
    return item ? itemName(item) : 'Today’s copay';
  };
  return (
    <Stack gap="md">
      <Alert role="status" color="teal" variant="light" title="Payment recorded">
        {formatCents(outcome.amountCents)} by {METHOD_NAMES[outcome.method]}.
      </Alert>
      <Table aria-label="Applied to" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Applied to</Table.Th>
            <Table.Th scope="col" ta="right">
              Amount
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {outcome.allocations.map((allocation) => (
            <Table.Tr key={allocation.itemId}>
              <Table.Td>{nameOf(allocation.itemId)}</Table.Td>
              <Table.Td ta="right" className="numeric">
                {formatCents(allocation.amountCents)}
              </Table.Td>
            </Table.Tr>
          ))}
          {outcome.prepaymentCents > 0 && (
            <Table.Tr>
              <Table.Td>Kept on account as credit</Table.Td>
              <Table.Td ta="right" className="numeric">
                {formatCents(outcome.prepaymentCents)}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Text size="sm">
        Now: Due today <strong className="numeric">{formatCents(balance.dueTodayCents)}</strong> · Total owed{' '}
        <strong className="numeric">{formatCents(balance.totalDueCents)}</strong>
      </Text>
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onReceipt}>
          Show receipt
        </Button>
        <Button data-autofocus onClick={onDone}>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
