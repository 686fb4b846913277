import { Group, Radio, TextInput } from '@mantine/core';
import { PAYMENT_METHODS } from '../../../../shared/domain';
import type { PaymentMethod } from '../../../../shared/domain';
import { REFERENCE_LABELS } from '../../desk/payment-form';

const METHOD_LABELS: Record<PaymentMethod, string> = { cash: 'Cash', check: 'Check', card: 'Card' };

/** Cash, check or card, and the check number or card reference that goes with it. */
export function MethodFields({
  legend,
  method,
  onMethod,
  reference,
  onReference,
  referenceRequired,
  referenceError,
}: {
  legend: string;
  method: PaymentMethod;
  onMethod(method: PaymentMethod): void;
  reference: string;
  onReference(reference: string): void;
  referenceRequired: boolean;
  referenceError?: string;
}) {
  return (
    <>
      <Radio.Group label={legend} value={method} onChange={(value) => onMethod(value as PaymentMethod)}>
        <Group gap="lg" mt={6}>
          {PAYMENT_METHODS.map((m) => (
            <Radio key={m} value={m} label={METHOD_LABELS[m]} />
          ))}
        </Group>
      </Radio.Group>
      {method !== 'cash' && (
        <TextInput
          label={referenceRequired ? REFERENCE_LABELS[method] : `${REFERENCE_LABELS[method]} (optional)`}
          value={reference}
          onChange={(event) => onReference(event.currentTarget.value)}
          maxLength={60}
          autoComplete="off"
          withAsterisk={referenceRequired}
          error={referenceError}
        />
      )}
    </>
  );
}
