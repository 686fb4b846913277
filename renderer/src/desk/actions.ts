/** Which desk actions are available for the open patient and the selected item, and why not. */
import type { CheckInItem, PatientBalance } from '../../../shared/contract';
import { carryForwardBlock, refundBlock, writeOffRequestBlock } from './verdict-view';

export type DeskActionId = 'payment' | 'carryForward' | 'writeOff' | 'refund' | 'receipt';

export interface DeskActionAvailability {
  enabled: boolean;
  /** Why it is not available, in plain words (null when it is). */
  why: string | null;
}

export const SELECT_AN_ITEM = 'Select an item in the table first.';

const available: DeskActionAvailability = { enabled: true, why: null };
const blockedBy = (why: string | null): DeskActionAvailability => (why === null ? available : { enabled: false, why });

export function deskActionAvailability(
  balance: Pick<PatientBalance, 'totalDueCents' | 'carryForwardLimitCents'>,
  selected: CheckInItem | null,
  today: string | null,
): Record<DeskActionId, DeskActionAvailability> {
  const itemAction = (why: (item: CheckInItem) => string | null) => blockedBy(selected ? why(selected) : SELECT_AN_ITEM);
  return {
    payment: available,
    receipt: available,
    carryForward: itemAction((item) => carryForwardBlock(item, balance, today)),
    writeOff: itemAction(writeOffRequestBlock),
    refund: itemAction(refundBlock),
  };
}

/** The selected item, if it is still one of the patient's items. */
export function selectedItem(balance: Pick<PatientBalance, 'items'> | null, selectedItemId: number | null): CheckInItem | null {
  if (!balance || selectedItemId === null) return null;
  return balance.items.find((item) => item.id === selectedItemId) ?? null;
}
