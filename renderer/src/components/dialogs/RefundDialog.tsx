import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { CheckInItem } from '../../../../shared/contract';
import type { PaymentMethod } from '../../../../shared/domain';
import { formatCents } from '../../../../shared/money';
import { newIdempotencyKey } from '../../desk/idempotency';
import { itemName, reasonView } from '../../desk/verdict-view';
import { useDeskAction } from '../../hooks/use-desk-action';
import { appStore } from '../../store';
import { DialogError } from './DialogError';
import { ItemSummary } from './ItemSummary';
import { MethodFields } from './MethodFields';

/** Refund: how much goes back to the patient and why, then how it is paid back. */
export function RefundDialogBody({ item }: { item: CheckInItem }) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [method, setMethod] = useState<PaymentMethod>('check');
  const [reference, setReference] = useState('');
  const action = useDeskAction();
  const close = () => appStore.getState().closeDialog();
  const amount = formatCents(item.verdict.refundCents);
  const why = item.verdict.reasons.at(-1);

  async function confirm(): Promise<void> {
    const ref = reference.trim();
    const done = await action.run(() => appStore.getState().act('recordRefund', { itemId: item.id, method, ...(ref ? { reference: ref } : {}), idempotencyKey }));
    if (!done.ok) return;
    appStore.getState().setDeskNotice(`Refund of ${formatCents(done.value.amountCents)} for ${itemName(item)} recorded (${method}).`);
    close();
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
    >
      <Stack gap="md">
        <ItemSummary item={item} />
        <div>
          <Text fw={650}>Give back {amount} to the patient</Text>
          {why && (
            <>
              <Text size="sm">{reasonView(why).text}</Text>
              <Text size="xs" c="dimmed">
                {reasonView(why).clause}
              </Text>
            </>
          )}
        </div>
        <MethodFields legend="Refund by" method={method} onMethod={setMethod} reference={reference} onReference={setReference} referenceRequired={false} />
        <DialogError message={action.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" data-autofocus loading={action.pending}>
            Record refund of {amount}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
