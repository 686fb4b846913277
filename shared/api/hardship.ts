/**
 * Financial hardship (policy 5.1, 5.2): the desk records household size, income and the documents
 * it saw; the core computes the sliding-scale result from the policy; a manager approves or denies;
 * an approval is reused for the patient until it expires.
 */
import { z } from 'zod';
import type { Cents } from '../money';
import type { Reason } from '../policy/clauses';
import type { HardshipDocument } from '../policy/hardship';
import { HARDSHIP_DOCUMENTS } from '../policy/hardship';
import type { AccessMap } from './access';
import type { PatientSummary } from './desk';

export const MIN_DECISION_REASON = 5;
export const MAX_HOUSEHOLD_SIZE = 30;
/** $10,000,000 a year: anything above is a typing mistake, not a hardship case. */
export const MAX_ANNUAL_INCOME_CENTS = 1_000_000_000;

const id = (what: string) => z.number({ error: `${what} must be a number.` }).int().positive();
/** One per action the person takes; a retry or double click reuses it and changes nothing. */
const idempotencyKey = z.string().regex(/^[A-Za-z0-9:_-]{8,100}$/, 'idempotencyKey must be 8-100 letters, digits, - _ or :.');
const householdSize = z
  .number({ error: 'Enter the number of people in the household.' })
  .int('The household size is a whole number of people.')
  .min(1, 'A household has at least 1 person.')
  .max(MAX_HOUSEHOLD_SIZE, `A household of more than ${MAX_HOUSEHOLD_SIZE} people? Check the number.`);
const annualIncomeCents = z
  .number({ error: 'Enter the household’s yearly income.' })
  .int('The income must be whole cents.')
  .min(0, 'The income cannot be negative.')
  .max(MAX_ANNUAL_INCOME_CENTS, 'The income is too large: check the number.');

export const hardshipInputs = {
  /** The sliding-scale result while the desk types; with patientId, also whether submitting would be refused. */
  previewHardship: z.object({ patientId: id('patientId').optional(), householdSize, annualIncomeCents }).strict(),
  submitHardshipApplication: z
    .object({
      patientId: id('patientId'),
      householdSize,
      annualIncomeCents,
      documentsSeen: z
        .array(z.enum(HARDSHIP_DOCUMENTS, { error: 'Unknown document.' }))
        .min(1, 'Tick the documents you saw: policy 5.1 requires documented income (a signed self-attestation counts).')
        .max(HARDSHIP_DOCUMENTS.length, 'Tick each document once.'),
      note: z.string().trim().max(500, 'The note is too long (500 characters at most).').optional(),
      idempotencyKey,
    })
    .strict(),
  decideHardship: z
    .object({
      applicationId: id('applicationId'),
      decision: z.enum(['approve', 'deny'], { error: 'Choose approve or deny.' }),
      reason: z
        .string()
        .trim()
        .min(MIN_DECISION_REASON, `Say why, in a few words (${MIN_DECISION_REASON} characters at least).`)
        .max(500, 'The reason is too long (500 characters at most).'),
      idempotencyKey,
    })
    .strict(),
  getPatientHardship: z.object({ patientId: id('patientId') }).strict(),
  getHardshipApplication: z.object({ applicationId: id('applicationId') }).strict(),
} as const;

export const hardshipAccess: AccessMap<typeof hardshipInputs> = {
  previewHardship: 'staff',
  submitHardshipApplication: 'staff',
  decideHardship: 'manager',
  getPatientHardship: 'staff',
  getHardshipApplication: 'manager',
};

/** The sliding-scale computation, with its explanation (clause 5.1 and the policy version). */
export interface HardshipAssessment {
  householdSize: number;
  annualIncomeCents: Cents;
  guidelineYear: number;
  /** The poverty guideline for this household size. */
  guidelineCents: Cents;
  /** Income as a whole percent of the guideline (rounded down). */
  percentOfGuideline: number;
  /** 0 when the income is above every band. */
  discountPercent: number;
  /** The band that applied; null above every band. */
  bandUpToPercent: number | null;
  policyVersion: number;
  explanation: Reason;
}

export interface HardshipPreview extends HardshipAssessment {
  /** Why submitting for this patient would be refused right now (an application already waits), or null. */
  blockedBy: string | null;
}

/** As stored: pending, approved or denied. */
export type HardshipStatus = 'pending' | 'approved' | 'denied';
/** As the desk reads it today: an approval is active until it expires, then expired. */
export type HardshipState = 'pending' | 'active' | 'expired' | 'denied';

export interface HardshipApplicationView {
  id: number;
  patientId: number;
  status: HardshipStatus;
  state: HardshipState;
  householdSize: number;
  annualIncomeCents: Cents;
  documentsSeen: HardshipDocument[];
  note: string | null;
  submittedBy: string;
  submittedAt: string;
  /** The sliding-scale result it was (or will be) decided on. */
  result: HardshipAssessment;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** Approved only: the first day it no longer applies (YYYY-MM-DD). */
  expiresOn: string | null;
}

export interface PatientHardship {
  patientId: number;
  /** The approved, unexpired determination the balance uses, if any. */
  active: HardshipApplicationView | null;
  /** The application waiting for a manager, if any. */
  pending: HardshipApplicationView | null;
  /** With nothing active: the last approval, now expired (a new application is needed). */
  lastExpired: HardshipApplicationView | null;
  /** Every application, newest first. */
  history: HardshipApplicationView[];
  /** How long an approval lasts under the policy in force (clause 5.2). */
  validForDays: number;
  validity: Reason;
}

export interface HardshipApplicationDetail extends HardshipApplicationView {
  patient: PatientSummary;
  /** The result under the policy in force now when it differs from the recorded one (the policy changed): an approval uses this. */
  currentResult: HardshipAssessment | null;
  /** What an approval today would set as the expiry (clause 5.2). */
  expiresOnIfApprovedToday: string;
  /** Why approving is not possible (no discount under the sliding scale), or null. */
  approveBlockedBy: string | null;
}

export interface HardshipOutputs {
  previewHardship: HardshipPreview;
  submitHardshipApplication: HardshipApplicationView;
  decideHardship: HardshipApplicationView;
  getPatientHardship: PatientHardship;
  getHardshipApplication: HardshipApplicationDetail;
}
