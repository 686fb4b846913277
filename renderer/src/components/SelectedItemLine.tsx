import { Text } from '@mantine/core';
import type { CheckInItem } from '../../../shared/contract';
import { formatCents } from '../../../shared/money';
import { itemName } from '../desk/verdict-view';

/** Which item the item actions act on. */
export function SelectedItemLine({ item }: { item: CheckInItem | null }) {
  return (
    <Text size="sm" aria-live="polite">
      {item ? (
        <>
          Selected item: <strong>{itemName(item)}</strong>,{' '}
          <span className="numeric">{item.verdict.refundCents > 0 ? `${formatCents(item.verdict.refundCents)} to refund` : `${formatCents(item.openCents)} open`}</span>
        </>
      ) : (
        'No item selected.'
      )}
    </Text>
  );
}
