/**
 * The practice's written financial policy, as data. A document is validated
 * on load (zod, strict: unknown keys are errors) and stored versioned in the
 * database; every decision records the version it was made under.
 *
 * By design the language has no way to name a patient or a class of patients:
 * rules key only on amount, age, collection history, the kind of denial and the
 * legal protections of the payer program (domain primer §3, "Consistency").
 */
import { z } from 'zod';

const cents = z.number().int('Amounts are whole cents.').min(0, 'Amounts cannot be negative.');
const days = z.number().int('Days are whole numbers.').min(1, 'At least 1 day.').max(3650, 'At most 10 years.');
const percent = z.number().int().min(0).max(100);
const serviceCode = z.string().regex(/^[A-Z0-9]{5}$/, 'A service code is 5 letters or digits (e.g. 99421, G2012).');

/** Nominal ("nuisance") services named in the primer: portal, virtual check-in, phone, screening, after-hours. */
export const PRIMER_NOMINAL_CODES = [
  '99421', '99422', '99423', 'G2012',
  '98008', '98009', '98010', '98011', '98012', '98013', '98014', '98015',
  '96127', 'G0444', '99050', '99051',
] as const;

export const policyDocumentSchema = z
  .object({
    /** Shown to staff and managers. */
    title: z.string().min(1).max(120),
    /** Balances below this are not statemented; they are carried forward to the next visit. */
    statementThresholdCents: cents.max(100_000, 'A threshold above $1,000 is not a nominal balance.'),
    carryForward: z
      .object({
        /** Carried items are statemented once the oldest one is this old (since it was billed). */
        maxAgeDays: days,
        /** ...or once the patient's carried total reaches this (defaults to the statement threshold). */
        maxCarriedTotalCents: cents,
      })
      .strict(),
    nominalServices: z
      .object({
        codes: z.array(serviceCode).max(100),
        /** What the practice charges a patient for a nominal service the plan does not cover. */
        feeCents: cents.max(10_000, 'A nominal fee above $100 is not nominal.'),
      })
      .strict(),
    /** PR-49/50/96/204 denials: one choice applied to every patient. */
    nonCoveredWithPatientLiability: z.enum(['bill_patient', 'write_off']),
    hardship: z
      .object({
        /** HHS poverty guideline for the household of one, and per additional person (48 contiguous states). */
        povertyGuideline: z.object({ year: z.number().int().min(2000).max(2100), firstPersonCents: cents.positive('The guideline for one person must be more than $0.'), additionalPersonCents: cents }).strict(),
        /** Discount by household income as % of the guideline; first band that fits wins. */
        slidingScale: z
          .array(z.object({ upToPercentOfGuideline: z.number().int().min(1).max(1000), discountPercent: percent }).strict())
          .min(1)
          .refine((bands) => bands.every((b, i) => i === 0 || b.upToPercentOfGuideline > bands[i - 1]!.upToPercentOfGuideline), 'Bands must go up in income.'),
        /** How long an approved determination is reused (clause 5.2): it expires this many days after the approval. */
        validForDays: days,
        /** Always true: the primer requires documented, manager-approved determinations. */
        documentationRequired: z.literal(true),
        managerApprovalRequired: z.literal(true),
      })
      .strict(),
    collectionEffort: z
      .object({
        minStatements: z.number().int().min(1).max(12),
        minDaysFromFirstStatement: days,
        /** What may happen once the effort is exhausted; both need a manager. */
        afterExhausted: z.array(z.enum(['write_off_bad_debt', 'send_to_collections'])).min(1),
      })
      .strict(),
    smallBalanceWriteOff: z
      .object({
        enabled: z.boolean(),
        /** Only with enabled: balances at or under this may be written off (see the primer: a routine waiver risk). */
        maxCents: cents.max(2_000),
      })
      .strict(),
    /** Money beyond what is owed may be kept as a prepayment toward future visits. */
    allowPrepayment: z.boolean(),
  })
  .strict();

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

/** The defaults of the issue and the primer. */
export const DEFAULT_POLICY: PolicyDocument = {
  title: 'Patient financial policy',
  statementThresholdCents: 2_000,
  carryForward: { maxAgeDays: 180, maxCarriedTotalCents: 2_000 },
  nominalServices: { codes: [...PRIMER_NOMINAL_CODES], feeCents: 1_000 },
  nonCoveredWithPatientLiability: 'bill_patient',
  hardship: {
    // HHS 2025 poverty guidelines, 48 contiguous states and DC. Update yearly in the policy.
    povertyGuideline: { year: 2025, firstPersonCents: 1_565_000, additionalPersonCents: 550_000 },
    slidingScale: [
      { upToPercentOfGuideline: 100, discountPercent: 100 },
      { upToPercentOfGuideline: 150, discountPercent: 75 },
      { upToPercentOfGuideline: 200, discountPercent: 50 },
      { upToPercentOfGuideline: 250, discountPercent: 25 },
    ],
    validForDays: 365,
    documentationRequired: true,
    managerApprovalRequired: true,
  },
  collectionEffort: { minStatements: 3, minDaysFromFirstStatement: 120, afterExhausted: ['write_off_bad_debt', 'send_to_collections'] },
  smallBalanceWriteOff: { enabled: false, maxCents: 0 },
  allowPrepayment: true,
};

export interface PublishedPolicy {
  version: number;
  document: PolicyDocument;
}

/** Validates a document; throws a readable message listing every problem. */
export function parsePolicyDocument(input: unknown): PolicyDocument {
  const result = policyDocumentSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`);
  throw new Error(`The financial policy is not valid: ${problems.join('; ')}`);
}
