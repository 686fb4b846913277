/** Domain vocabulary shared by the core, the renderer and the CLI. */

export const PAYER_PROGRAMS = ['commercial', 'medicare', 'medicare_advantage', 'medicaid', 'qmb', 'self_pay'] as const;
export type PayerProgram = (typeof PAYER_PROGRAMS)[number];

export const PROGRAM_LABELS: Record<PayerProgram, string> = {
  commercial: 'Commercial',
  medicare: 'Medicare',
  medicare_advantage: 'Medicare Advantage',
  medicaid: 'Medicaid',
  qmb: 'Medicare (QMB)',
  self_pay: 'Self-pay',
};

/** X12 claim adjustment group codes (CAS01). */
export const GROUP_CODES = ['CO', 'PR', 'OA', 'PI', 'CR'] as const;
export type GroupCode = (typeof GROUP_CODES)[number];

/** Why the patient owes an item. */
export const ITEM_CATEGORIES = ['copay', 'deductible', 'coinsurance', 'noncovered', 'self_pay', 'other'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const LEDGER_ENTRY_KINDS = ['charge', 'payment', 'adjustment', 'write_off', 'refund', 'reversal'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

export const PAYMENT_METHODS = ['cash', 'check', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const COLLECTION_ATTEMPT_KINDS = ['statement', 'letter', 'call', 'portal_message'] as const;
export type CollectionAttemptKind = (typeof COLLECTION_ATTEMPT_KINDS)[number];

/** CARCs that put non-covered services on the patient when the group is PR. */
const NONCOVERED_CARCS = new Set(['49', '50', '96', '204']);

/** Category of a patient-responsibility adjustment, from its CARC (primer §2). */
export function categoryForPatientAdjustment(carc: string): ItemCategory {
  if (carc === '1' || carc === '66') return 'deductible'; // 66: blood deductible
  if (carc === '2') return 'coinsurance';
  if (carc === '3') return 'copay';
  if (NONCOVERED_CARCS.has(carc)) return 'noncovered';
  return 'other';
}

/** Plain-words reason the patient owes an item, for the desk's table. */
export function whyOwed(item: { category: ItemCategory; group: GroupCode | null; carc: string | null; rarc: string | null }): string {
  const code = item.group && item.carc ? ` (${item.group}-${item.carc}${item.rarc ? `, ${item.rarc}` : ''})` : '';
  switch (item.category) {
    case 'copay':
      return `Copay${code}`;
    case 'deductible':
      return `Deductible${code}`;
    case 'coinsurance':
      return `Coinsurance${code}`;
    case 'noncovered':
      return `Not covered by the plan${code}`;
    case 'self_pay':
      return 'Self-pay charge';
    case 'other':
      return `Patient responsibility${code}`;
  }
}
