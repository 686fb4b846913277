import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { CheckInItem, PatientBalance } from '../../../../shared/contract';
import { formatCents } from '../../../../shared/money';
import { newIdempotencyKey } from '../../desk/idempotency';
import { carryForwardBlock, itemName, reasonView } from '../../desk/verdict-view';
import { formatUsDate } from '../../format/dates';
import { useDeskAction } from '../../hooks/use-desk-action';
import { appStore, useAppStore } from '../../store';
import { DialogError } from './DialogError';
import { ItemSummary } from './ItemSummary';

/** Carry forward: the date it goes on a statement, said before the desk confirms. */
export function CarryForwardDialogBody({ balance, item }: { balance: PatientBalance; item: CheckInItem }) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const today = useAppStore((s) => s.appInfo?.today ?? null);
  const action = useDeskAction();
  const until = item.verdict.carryForwardUntil;
  const blocked = carryForwardBlock(item, balance, today);
  const rule = item.verdict.reasons.find((r) => r.clause.startsWith('2.1 '));
  const close = () => appStore.getState().closeDialog();

  async function confirm(): Promise<void> {
    const done = await action.run(() => appStore.getState().act('carryForward', { itemId: item.id, idempotencyKey }));
    if (!done.ok) return;
    appStore.getState().setDeskNotice(`Carried forward ${itemName(item)}, ${formatCents(item.openCents)}, until ${formatUsDate(done.value.until)}. It goes on a statement by then if still open.`);
    close();
  }

  return (
    <Stack gap="md">
      <ItemSummary item={item} />
      {until && !blocked && (
        <Alert color="blue" variant="light" title={`It goes on a statement by ${formatUsDate(until)}`}>
          <Text size="sm">
            Not collected today and no statement now: the desk asks for it at the next visit. If it is still open on {formatUsDate(until)}, it goes on a
            statement. Carrying forward is billing later, never forgiving.
          </Text>
          {rule && (
            <Text size="xs" c="dimmed" mt={4}>
              {reasonView(rule).clause}
            </Text>
          )}
        </Alert>
      )}
      {blocked && <Text c="gray.7">{blocked}</Text>}
      <DialogError message={action.error} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={close}>
          Cancel
        </Button>
        <Button data-autofocus onClick={() => void confirm()} loading={action.pending} disabled={blocked !== null}>
          Carry forward
        </Button>
      </Group>
    </Stack>
  );
}
