/** The payment dialog's checks, before anything is sent: what a person typed, turned into the contract's input. */
import type { PaymentMethod } from '../../../shared/domain';
import { parseDollarsToCents } from '../../../shared/money';

export type ApplyTo = 'auto' | 'chosen';

export interface PaymentFormValues {
  amountText: string;
  method: PaymentMethod;
  reference: string;
  applyTo: ApplyTo;
  /** Item ids chosen, in the table's order. */
  chosen: number[];
}

export interface PaymentFormErrors {
  amount?: string;
  reference?: string;
  items?: string;
}

export interface PaymentFormInput {
  amountCents: number;
  method: PaymentMethod;
  reference?: string;
  itemIds?: number[];
}

export const REFERENCE_LABELS: Record<PaymentMethod, string> = {
  cash: 'Reference (optional)',
  check: 'Check number',
  card: 'Card reference (approval code or last 4 digits)',
};

/** Mirrors the contract's rules with the same words, so the desk hears the same thing either way. */
export function checkPaymentForm(values: PaymentFormValues): { errors: PaymentFormErrors; input: PaymentFormInput | null } {
  const errors: PaymentFormErrors = {};
  const text = values.amountText.trim();
  const cents = parseDollarsToCents(text);
  if (text === '') errors.amount = 'Enter the amount the patient hands over.';
  else if (cents === null) errors.amount = 'Enter dollars and cents, like 25 or 25.00.';
  else if (cents <= 0) errors.amount = 'The amount must be more than $0.00.';
  else if (cents > 100_000_000) errors.amount = 'The amount is too large.';
  const reference = values.reference.trim();
  if (values.method !== 'cash' && reference === '') errors.reference = values.method === 'check' ? 'A check needs its number.' : 'A card payment needs its reference.';
  else if (reference.length > 60) errors.reference = 'The reference is too long (60 characters at most).';
  if (values.applyTo === 'chosen' && values.chosen.length === 0) errors.items = 'Choose at least one item, or apply to today’s copay, then oldest first.';
  if (Object.keys(errors).length > 0 || cents === null) return { errors, input: null };
  return {
    errors,
    input: {
      amountCents: cents,
      method: values.method,
      ...(reference ? { reference } : {}),
      ...(values.applyTo === 'chosen' ? { itemIds: values.chosen } : {}),
    },
  };
}

/** The amount field's first value: what is due today, as a person would type it ("1,234.50"), or empty. */
export function initialAmountText(dueTodayCents: number): string {
  if (dueTodayCents <= 0) return '';
  const dollars = Math.floor(dueTodayCents / 100).toLocaleString('en-US');
  return `${dollars}.${String(dueTodayCents % 100).padStart(2, '0')}`;
}
