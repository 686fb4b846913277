import { List, Text } from '@mantine/core';
import type { CheckInItem } from '../../../shared/contract';
import { formatCents } from '../../../shared/money';
import type { DeskActionAvailability, DeskActionId } from '../desk/actions';
import { formatUsDate } from '../format/dates';

type HintIds = Record<'carryForward' | 'writeOff' | 'refund' | 'none', string>;

/** One sentence per item action: what it would do, or why it is not available. Each button is described by its sentence. */
export function ItemActionHints({
  selected,
  availability,
  hintIds,
}: {
  selected: CheckInItem | null;
  availability: Record<DeskActionId, DeskActionAvailability>;
  hintIds: HintIds;
}) {
  const line = (id: Exclude<keyof HintIds, 'none'>, name: string, whenAvailable: string) => (
    <List.Item>
      <Text size="sm" id={hintIds[id]} c={availability[id].enabled ? undefined : 'gray.7'}>
        <strong>{name}:</strong> {availability[id].enabled ? whenAvailable : `not available. ${availability[id].why ?? ''}`}
      </Text>
    </List.Item>
  );
  if (!selected) {
    return (
      <Text size="sm" c="gray.7" id={hintIds.none}>
        Carry forward, Request write-off and Refund act on the selected item: select one in the table first.
      </Text>
    );
  }
  const until = selected.verdict.carryForwardUntil;
  return (
    <List size="sm" spacing={4} listStyleType="none" p={0}>
      {line('carryForward', 'Carry forward', until ? `it goes on a statement by ${formatUsDate(until)} if still open.` : '')}
      {line('writeOff', 'Request write-off', 'a manager decides; the item shows “Waiting for manager” until then.')}
      {line('refund', 'Refund', `${formatCents(selected.verdict.refundCents)} is due back to the patient.`)}
    </List>
  );
}
