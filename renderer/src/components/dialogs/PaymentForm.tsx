import { Button, Checkbox, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import type { CheckInItem, PatientBalance, PaymentOutcome } from '../../../../shared/contract';
import type { PaymentMethod } from '../../../../shared/domain';
import { formatCents, parseDollarsToCents } from '../../../../shared/money';
import { newIdempotencyKey } from '../../desk/idempotency';
import { checkPaymentForm, initialAmountText } from '../../desk/payment-form';
import type { ApplyTo, PaymentFormErrors } from '../../desk/payment-form';
import { itemName } from '../../desk/verdict-view';
import { useDeskAction } from '../../hooks/use-desk-action';
import { appStore } from '../../store';
import { DialogError } from './DialogError';
import { MethodFields } from './MethodFields';

export interface RecordedPayment {
  outcome: PaymentOutcome;
  /** The items as they were before the payment, to name what it was applied to. */
  itemsBefore: CheckInItem[];
}

/**
 * Amount (what is due today to start with), method and reference, and where
 * the money goes: today's copay then the oldest balances, or chosen items.
 */
export function PaymentForm({ balance, onRecorded, onCancel }: { balance: PatientBalance; onRecorded(payment: RecordedPayment): void; onCancel(): void }) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [amountText, setAmountText] = useState(() => initialAmountText(balance.dueTodayCents));
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [applyTo, setApplyTo] = useState<ApplyTo>('auto');
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<PaymentFormErrors>({});
  const amountRef = useRef<HTMLInputElement>(null);
  const action = useDeskAction();

  const collectible = balance.items.filter((item) => item.verdict.collectible && item.openCents > 0);
  const chosenIds = collectible.filter((item) => chosen.includes(String(item.id))).map((item) => item.id);
  const chosenTotal = collectible.filter((item) => chosenIds.includes(item.id)).reduce((sum, item) => sum + item.openCents, 0);
  // What the money can go to; anything above is kept on account (where the policy allows prepayments).
  const owedCents = applyTo === 'chosen' ? chosenTotal : (balance.todaysCopay?.dueCents ?? 0) + balance.totalDueCents;
  const typedCents = parseDollarsToCents(amountText);
  const extraCents = typedCents !== null && typedCents > owedCents ? typedCents - owedCents : 0;

  async function submit(): Promise<void> {
    const checked = checkPaymentForm({ amountText, method, reference, applyTo, chosen: chosenIds });
    setErrors(checked.errors);
    if (!checked.input) {
      if (checked.errors.amount) amountRef.current?.focus();
      return;
    }
    const input = checked.input;
    const itemsBefore = balance.items;
    const done = await action.run(() => appStore.getState().act('recordPayment', { patientId: balance.patient.id, ...input, idempotencyKey }));
    if (done.ok) onRecorded({ outcome: done.value, itemsBefore });
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <TextInput
          ref={amountRef}
          data-autofocus
          label="Amount"
          description={`Due today ${formatCents(balance.dueTodayCents)} · Total owed ${formatCents(balance.totalDueCents)}`}
          leftSection="$"
          inputMode="decimal"
          autoComplete="off"
          value={amountText}
          onChange={(event) => setAmountText(event.currentTarget.value)}
          onFocus={(event) => event.currentTarget.select()}
          error={errors.amount}
          withAsterisk
          size="md"
          classNames={{ input: 'numeric' }}
        />
        <MethodFields
          legend="Paid by"
          method={method}
          onMethod={setMethod}
          reference={reference}
          onReference={setReference}
          referenceRequired
          referenceError={errors.reference}
        />
        <Radio.Group label="Apply to" value={applyTo} onChange={(value) => setApplyTo(value as ApplyTo)}>
          <Stack gap={6} mt={6}>
            <Radio value="auto" label="Today’s copay, then the oldest balances first" />
            <Radio value="chosen" label="Items I choose" disabled={collectible.length === 0} />
          </Stack>
        </Radio.Group>
        {applyTo === 'chosen' && (
          <Checkbox.Group label="Items to pay" value={chosen} onChange={setChosen} error={errors.items} description={`Open on the chosen items: ${formatCents(chosenTotal)}`}>
            <Stack gap={6} mt={6}>
              {collectible.map((item) => (
                <Checkbox key={item.id} value={String(item.id)} label={`${itemName(item)}: ${formatCents(item.openCents)}`} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        {extraCents > 0 && (
          <Text size="sm" c="gray.7">
            {formatCents(extraCents)} more than {applyTo === 'chosen' ? 'the chosen items' : 'the patient owes'}: it is kept on account as credit.
          </Text>
        )}
        <DialogError message={action.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={action.pending}>
            Record payment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
