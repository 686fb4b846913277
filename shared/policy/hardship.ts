/** The sliding scale of the policy: household income against the federal poverty guideline. */
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
}

export function slidingScale(policy: PolicyDocument['hardship'], input: HardshipInput): HardshipResult {
  if (!Number.isInteger(input.householdSize) || input.householdSize < 1) throw new Error('Household size must be a whole number of at least 1.');
  if (!Number.isInteger(input.annualIncomeCents) || input.annualIncomeCents < 0) throw new Error('Income must be whole cents, not negative.');
  const { firstPersonCents, additionalPersonCents } = policy.povertyGuideline;
  const guidelineCents = firstPersonCents + (input.householdSize - 1) * additionalPersonCents;
  const percentOfGuideline = Math.floor((input.annualIncomeCents * 100) / guidelineCents);
  const band = policy.slidingScale.find((b) => percentOfGuideline <= b.upToPercentOfGuideline);
  return { guidelineCents, percentOfGuideline, discountPercent: band?.discountPercent ?? 0 };
}
