import { Paper, Text } from '@mantine/core';
import type { CheckInItem } from '../../../../shared/contract';
import { whyOwed } from '../../../../shared/domain';
import { formatCents } from '../../../../shared/money';
import { itemName } from '../../desk/verdict-view';

/** The item a dialog acts on: what, when, why owed, how much is open. */
export function ItemSummary({ item }: { item: CheckInItem }) {
  return (
    <Paper withBorder p="sm" bg="gray.0">
      <Text fw={600}>{itemName(item)}</Text>
      <Text size="sm" c="gray.7">
        {whyOwed(item)} ·{' '}
        <span className="numeric">{item.verdict.refundCents > 0 ? `${formatCents(item.verdict.refundCents)} paid that is not owed` : `${formatCents(item.openCents)} open`}</span>
      </Text>
    </Paper>
  );
}
