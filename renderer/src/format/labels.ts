import type { BalanceItem } from '../../../shared/contract';
import { formatCents } from '../../../shared/money';

/** Ordinal name of a coverage priority: 1 -> "Primary". */
export function priorityLabel(priority: number): string {
  switch (priority) {
    case 1:
      return 'Primary';
    case 2:
      return 'Secondary';
    case 3:
      return 'Tertiary';
    default:
      return `Coverage ${priority}`;
  }
}

/** What is still open on an item, with the original amount when part of it has been paid or adjusted. */
export function openAmountParts(item: Pick<BalanceItem, 'openCents' | 'amountCents'>): { open: string; of: string | null } {
  return {
    open: formatCents(item.openCents),
    of: item.openCents < item.amountCents ? formatCents(item.amountCents) : null,
  };
}

/** "1 patient" / "12 patients". */
export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** "5552014477" -> "(555) 201-4477"; other shapes are shown as they came. */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const ten = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (ten.length !== 10) return phone;
  return `(${ten.slice(0, 3)}) ${ten.slice(3, 6)}-${ten.slice(6)}`;
}
