/**
 * The CSV patient-balance export some practice systems produce, one row per
 * amount a patient owes. Columns (header names, any order, case-insensitive;
 * documented in the README):
 *
 * | column        | required | meaning |
 * |---------------|----------|---------|
 * | patient_id    | yes      | the main system's patient id |
 * | mrn           | no       | medical record number |
 * | last_name     | yes      | |
 * | first_name    | yes      | |
 * | dob           | no       | YYYY-MM-DD or MM/DD/YYYY |
 * | phone         | no       | any punctuation |
 * | payer         | no       | payer name (empty for self-pay) |
 * | program       | no       | commercial, medicare, medicare_advantage, medicaid, qmb, self_pay (default commercial, or self_pay without a payer) |
 * | member_id     | no       | |
 * | claim_number  | yes      | the main system's claim or encounter number |
 * | line          | no       | line number within the claim (default 1) |
 * | service_date  | yes      | YYYY-MM-DD or MM/DD/YYYY |
 * | service_code  | yes      | CPT/HCPCS |
 * | category      | yes      | copay, deductible, coinsurance, noncovered, self_pay, other |
 * | carc          | no       | the reason code, when known |
 * | amount        | yes      | dollars, e.g. 25.00 (converted to cents once) |
 */
import { decimalToCents } from '../../../shared/decimal-cents';
import type { ItemCategory, PayerProgram } from '../../../shared/domain';
import { ITEM_CATEGORIES, PAYER_PROGRAMS } from '../../../shared/domain';
import { parseDateOfBirth, phoneDigits } from '../../../shared/search-terms';
import type { ImportedClaim } from '../records';

export const CSV_PATIENT_SYSTEM = 'csv:patient-id';

const CARC_FOR: Record<Exclude<ItemCategory, 'self_pay'>, string> = { copay: '3', deductible: '1', coinsurance: '2', noncovered: '96', other: 'other' };

const REQUIRED = ['patient_id', 'last_name', 'first_name', 'claim_number', 'service_date', 'service_code', 'category', 'amount'] as const;

/** One CSV row as a claim with one line; throws a message naming the bad column. */
export function balanceRowToClaim(row: Record<string, string>): ImportedClaim {
  const get = (column: string) => (row[column] ?? '').trim();
  for (const column of REQUIRED) if (!get(column)) throw new Error(`the column "${column}" is empty`);
  const category = get('category').toLowerCase() as ItemCategory;
  if (!ITEM_CATEGORIES.includes(category)) throw new Error(`category "${get('category')}" is not one of ${ITEM_CATEGORIES.join(', ')}`);
  const amountCents = decimalToCents(get('amount'));
  if (amountCents === null) throw new Error(`amount "${get('amount')}" is not an amount in dollars`);
  const serviceDate = parseDateOfBirth(get('service_date'));
  if (!serviceDate) throw new Error(`service_date "${get('service_date')}" is not a date`);
  const dob = get('dob') ? parseDateOfBirth(get('dob')) : null;
  if (get('dob') && !dob) throw new Error(`dob "${get('dob')}" is not a date`);
  const payer = get('payer');
  const program = (get('program').toLowerCase() || (payer ? 'commercial' : 'self_pay')) as PayerProgram;
  if (!PAYER_PROGRAMS.includes(program)) throw new Error(`program "${get('program')}" is not one of ${PAYER_PROGRAMS.join(', ')}`);
  const line = Number(get('line') || '1');
  if (!Number.isInteger(line) || line < 1) throw new Error(`line "${get('line')}" is not a line number`);
  const selfPay = category === 'self_pay';
  return {
    externalId: `csv:${get('claim_number')}:${line}:${category}`,
    patient: {
      identifiers: [{ system: CSV_PATIENT_SYSTEM, value: get('patient_id') }],
      familyName: get('last_name'),
      givenName: get('first_name'),
      dob,
      phone: get('phone') ? phoneDigits(get('phone')) : null,
      mrn: get('mrn') || null,
    },
    coverage: payer ? { payerName: payer, program, memberId: get('member_id') || null, priority: 1, copayCents: null, externalId: null } : null,
    claimNumber: get('claim_number'),
    payerClaimNumber: null,
    status: selfPay ? 'self_pay' : 'paid',
    adjudicatedOn: serviceDate,
    lines: [
      {
        lineNumber: line,
        serviceDate,
        serviceCode: get('service_code').toUpperCase(),
        modifiers: null,
        units: 1,
        billedCents: amountCents,
        allowedCents: null,
        payerPaidCents: 0,
        adjustments: selfPay ? [] : [{ group: 'PR', carc: get('carc') || CARC_FOR[category], rarc: null, amountCents }],
      },
    ],
  };
}
