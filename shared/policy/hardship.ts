/** The sliding scale of the policy: household income against the federal poverty guideline. */
import { formatCents } from '../money';
import type { Reason } from './clauses';
import { reason } from './clauses';
import type { PolicyDocument } from './document';

export interface HardshipInput {
  householdSize: number;
  annualIncomeCents: number;
}

export interface HardshipResult {
  guidelineCents: number;
  /** Income as a whole percent of the guideline (rounded down). */
  percentOfGuideline: number;
  /** 0 when the income is above every band. */
  discountPercent: number;
  /** The band that applied ("up to N% of the guideline"); null when the income is above every band. */
  bandUpToPercent: number | null;
}

export function slidingScale(policy: PolicyDocument['hardship'], input: HardshipInput): HardshipResult {
  if (!Number.isInteger(input.householdSize) || input.householdSize < 1) throw new Error('Household size must be a whole number of at least 1.');
  if (!Number.isInteger(input.annualIncomeCents) || input.annualIncomeCents < 0) throw new Error('Income must be whole cents, not negative.');
  const { firstPersonCents, additionalPersonCents } = policy.povertyGuideline;
  const guidelineCents = firstPersonCents + (input.householdSize - 1) * additionalPersonCents;
  if (guidelineCents <= 0) throw new Error('The policy has no poverty guideline amount.');
  const percentOfGuideline = Math.floor((input.annualIncomeCents * 100) / guidelineCents);
  const band = policy.slidingScale.find((b) => percentOfGuideline <= b.upToPercentOfGuideline);
  return { guidelineCents, percentOfGuideline, discountPercent: band?.discountPercent ?? 0, bandUpToPercent: band?.upToPercentOfGuideline ?? null };
}

/** The documents the desk may have seen as evidence of income and household (policy 5.1: documentation required). */
export const HARDSHIP_DOCUMENTS = ['tax_return', 'pay_stubs', 'benefits_letter', 'unemployment_statement', 'self_attestation'] as const;
export type HardshipDocument = (typeof HARDSHIP_DOCUMENTS)[number];

export const HARDSHIP_DOCUMENT_LABELS: Record<HardshipDocument, string> = {
  tax_return: 'Tax return',
  pay_stubs: 'Pay stubs',
  benefits_letter: 'Benefits letter (SNAP, SSI, Medicaid…)',
  unemployment_statement: 'Unemployment statement',
  self_attestation: 'Signed self-attestation of income',
};

/** The facts of one sliding-scale computation, as recorded: enough to explain it again later in the same words. */
export interface HardshipFacts extends HardshipInput, HardshipResult {
  guidelineYear: number;
  policyVersion: number;
}

export const householdWords = (size: number) => (size === 1 ? '1 person' : `${size} people`);

/** "5.1 Financial hardship…": the plain-words explanation of a sliding-scale result, naming the clause and policy version. */
export function explainHardship(facts: HardshipFacts): Reason {
  const income = `${formatCents(facts.annualIncomeCents)} a year`;
  const guideline = `the ${facts.guidelineYear} federal poverty guideline for a household of ${householdWords(facts.householdSize)} (${formatCents(facts.guidelineCents)})`;
  const where = `${income} is ${facts.percentOfGuideline}% of ${guideline}`;
  const outcome =
    facts.bandUpToPercent === null
      ? 'That is above every band of the sliding scale: no hardship discount.'
      : facts.discountPercent === 0
        ? `The sliding scale gives no discount for incomes up to ${facts.bandUpToPercent}% of the guideline.`
        : `The sliding scale gives ${facts.discountPercent}% off for incomes up to ${facts.bandUpToPercent}% of the guideline.`;
  return reason('hardship', `${where}. ${outcome} Policy version ${facts.policyVersion}; a manager decides.`);
}

/** Computes and explains under a published policy. */
export function assessHardship(policy: { version: number; document: PolicyDocument }, input: HardshipInput): HardshipFacts {
  return { ...input, ...slidingScale(policy.document.hardship, input), guidelineYear: policy.document.hardship.povertyGuideline.year, policyVersion: policy.version };
}
