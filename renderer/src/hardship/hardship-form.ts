/** The hardship dialog's checks, before anything is sent: what the desk typed, turned into the contract's input. */
import { MAX_ANNUAL_INCOME_CENTS, MAX_HOUSEHOLD_SIZE } from '../../../shared/api/hardship';
import { parseDollarsToCents } from '../../../shared/money';
import type { HardshipDocument } from '../../../shared/policy/hardship';

export interface HardshipFormValues {
  householdText: string;
  incomeText: string;
  documents: HardshipDocument[];
  note: string;
}

export interface HardshipFormErrors {
  household?: string;
  income?: string;
  documents?: string;
}

export interface HardshipFacts {
  householdSize: number;
  annualIncomeCents: number;
}

export interface HardshipFormInput extends HardshipFacts {
  documentsSeen: HardshipDocument[];
  note?: string;
}

function householdError(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the number of people in the household.';
  if (!/^\d+$/.test(trimmed)) return 'Enter a whole number of people, like 3.';
  const size = Number(trimmed);
  if (size < 1) return 'A household has at least 1 person.';
  if (size > MAX_HOUSEHOLD_SIZE) return `A household of more than ${MAX_HOUSEHOLD_SIZE} people? Check the number.`;
  return null;
}

function incomeError(text: string, cents: number | null): string | null {
  if (text.trim() === '') return 'Enter the household’s yearly income (0 if none).';
  if (cents === null) return 'Enter dollars and cents, like 28000 or 28,000.00.';
  if (cents < 0) return 'The income cannot be negative.';
  if (cents > MAX_ANNUAL_INCOME_CENTS) return 'The income is too large: check the number.';
  return null;
}

/** The facts the live preview needs, once both are typed correctly; null until then. */
export function previewFacts(values: Pick<HardshipFormValues, 'householdText' | 'incomeText'>): HardshipFacts | null {
  const cents = parseDollarsToCents(values.incomeText);
  if (householdError(values.householdText) || incomeError(values.incomeText, cents) || cents === null) return null;
  return { householdSize: Number(values.householdText.trim()), annualIncomeCents: cents };
}

/** Mirrors the contract's rules with the same words, so the desk hears the same thing either way. */
export function checkHardshipForm(values: HardshipFormValues): { errors: HardshipFormErrors; input: HardshipFormInput | null } {
  const errors: HardshipFormErrors = {};
  const household = householdError(values.householdText);
  if (household) errors.household = household;
  const income = incomeError(values.incomeText, parseDollarsToCents(values.incomeText));
  if (income) errors.income = income;
  if (values.documents.length === 0) errors.documents = 'Tick the documents you saw: policy 5.1 requires documented income (a signed self-attestation counts).';
  const facts = previewFacts(values);
  if (Object.keys(errors).length > 0 || !facts) return { errors, input: null };
  const note = values.note.trim();
  return { errors, input: { ...facts, documentsSeen: values.documents, ...(note ? { note } : {}) } };
}
