/**
 * The settings of a policy document as a manager reads them: one label and
 * one kind of value per path, shared by the policy editor's form, the plain-word
 * validation messages (./issues.ts) and the list of what a new version changes
 * (./diff.ts), so a setting is called the same everywhere.
 */
import { formatCents } from '../money';

export type FieldFormat = 'text' | 'cents' | 'days' | 'number' | 'percent' | 'year' | 'yes_no' | 'choice' | 'codes' | 'actions' | 'scale';

export interface PolicyField {
  label: string;
  format: FieldFormat;
}

/** By document path; array positions are written `*` (hardship.slidingScale.*.discountPercent). */
export const POLICY_FIELDS: Readonly<Record<string, PolicyField>> = {
  title: { label: 'Policy title', format: 'text' },
  statementThresholdCents: { label: 'Statement threshold', format: 'cents' },
  'carryForward.maxAgeDays': { label: 'Statement carried balances once the oldest is this many days old', format: 'days' },
  'carryForward.maxCarriedTotalCents': { label: 'Statement carried balances once their total reaches', format: 'cents' },
  'nominalServices.codes': { label: 'Nominal service codes', format: 'codes' },
  'nominalServices.feeCents': { label: 'Nominal fee', format: 'cents' },
  nonCoveredWithPatientLiability: { label: 'Non-covered services the patient is liable for', format: 'choice' },
  'hardship.povertyGuideline.year': { label: 'Poverty guideline year', format: 'year' },
  'hardship.povertyGuideline.firstPersonCents': { label: 'Poverty guideline, household of one', format: 'cents' },
  'hardship.povertyGuideline.additionalPersonCents': { label: 'Poverty guideline, each additional person', format: 'cents' },
  'hardship.slidingScale': { label: 'Sliding scale', format: 'scale' },
  'hardship.slidingScale.*.upToPercentOfGuideline': { label: 'Income up to (% of the guideline)', format: 'percent' },
  'hardship.slidingScale.*.discountPercent': { label: 'Discount (%)', format: 'percent' },
  'hardship.validForDays': { label: 'A hardship approval is valid for (days)', format: 'days' },
  'hardship.documentationRequired': { label: 'Documentation required', format: 'yes_no' },
  'hardship.managerApprovalRequired': { label: "Manager's approval required", format: 'yes_no' },
  'collectionEffort.minStatements': { label: 'Statements sent before bad debt', format: 'number' },
  'collectionEffort.minDaysFromFirstStatement': { label: 'Days from the first statement before bad debt', format: 'days' },
  'collectionEffort.afterExhausted': { label: 'Once collection effort is complete, a manager may', format: 'actions' },
  'smallBalanceWriteOff.enabled': { label: 'Small-balance write-off', format: 'yes_no' },
  'smallBalanceWriteOff.maxCents': { label: 'Small-balance write-off limit', format: 'cents' },
  allowPrepayment: { label: 'Keep money beyond what is owed as a prepayment', format: 'yes_no' },
};

export const NON_COVERED_CHOICES = { bill_patient: 'Bill the patient', write_off: 'Write it off' } as const;
export const AFTER_EXHAUSTED_CHOICES = { write_off_bad_debt: 'Write it off as bad debt', send_to_collections: 'Send it to collections' } as const;

const CHOICE_LABELS: Record<string, string> = { ...NON_COVERED_CHOICES, ...AFTER_EXHAUSTED_CHOICES };

/** "hardship.slidingScale.2.discountPercent" -> "hardship.slidingScale.*.discountPercent". */
export function fieldKey(path: readonly PropertyKey[] | string): string {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  return parts.map((p) => (/^\d+$/.test(p) ? '*' : p)).join('.');
}

/** The label of a path, with the tier for a sliding-scale band ("Sliding scale, tier 2: Discount (%)"). */
export function fieldLabel(path: readonly PropertyKey[] | string): string {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  const field = POLICY_FIELDS[fieldKey(parts)];
  const tier = parts.findIndex((p) => /^\d+$/.test(p));
  const label = field?.label ?? (parts.join(' › ') || 'The policy');
  if (tier > 0 && parts[tier - 1] === 'slidingScale') return `Sliding scale, tier ${Number(parts[tier]) + 1}: ${label}`;
  return label;
}

/** A setting's value in words ("$20.00", "180 days", "Yes", "Bill the patient"). */
export function formatFieldValue(path: readonly PropertyKey[] | string, value: unknown): string {
  const format = POLICY_FIELDS[fieldKey(path)]?.format;
  if (value === undefined || value === null) return '(not set)';
  switch (format) {
    case 'cents':
      return typeof value === 'number' ? formatCents(value) : String(value);
    case 'days':
      return value === 1 ? '1 day' : `${String(value)} days`;
    case 'percent':
      return `${String(value)}%`;
    case 'yes_no':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'choice':
      return CHOICE_LABELS[String(value)] ?? String(value);
    case 'codes':
      return Array.isArray(value) ? (value.length ? value.join(', ') : 'none') : String(value);
    case 'actions':
      return Array.isArray(value) ? value.map((v) => CHOICE_LABELS[String(v)] ?? String(v)).join('; ') : String(value);
    case 'scale':
      return Array.isArray(value) ? value.map(formatBand).join('; ') : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

function formatBand(band: unknown): string {
  const b = band as { upToPercentOfGuideline?: unknown; discountPercent?: unknown };
  return `income up to ${String(b.upToPercentOfGuideline)}% of the guideline: ${String(b.discountPercent)}% off`;
}
