/** The check-in desk's calls: search, balance, payments and the desk's decisions. */
import { z } from 'zod';
import type { GroupCode, ItemCategory, PayerProgram, PaymentMethod } from '../domain';
import { COLLECTION_ATTEMPT_KINDS, PAYMENT_METHODS } from '../domain';
import type { Cents } from '../money';
import type { Reason } from '../policy/clauses';
import type { ItemVerdict, WriteOffRule } from '../policy/verdict';
import { WRITE_OFF_RULES } from '../policy/verdict';
import type { AccessMap } from './access';

export const SEARCH_RESULT_LIMIT = 50;

const id = (what: string) => z.number({ error: `${what} must be a number.` }).int().positive();
/** One per action the person takes; a retry or double click reuses it and changes nothing. */
const idempotencyKey = z.string().regex(/^[A-Za-z0-9:_-]{8,100}$/, 'idempotencyKey must be 8-100 letters, digits, - _ or :.');
/** Money typed by a person, already in cents: whole, positive, at most $1,000,000. */
const positiveCents = z
  .number({ error: 'The amount must be a number of cents.' })
  .int('The amount must be whole cents.')
  .positive('The amount must be more than $0.00.')
  .max(100_000_000, 'The amount is too large.');
const reference = z.string().trim().max(60, 'The reference is too long (60 characters at most).');

export const deskInputs = {
  getAppInfo: z.object({}).strict(),
  searchPatients: z
    .object({
      query: z.string().max(200, 'Search text is too long (200 characters at most).'),
      limit: z.number().int().min(1).max(SEARCH_RESULT_LIMIT).optional(),
    })
    .strict(),
  getPatientBalance: z.object({ patientId: id('patientId') }).strict(),
  recordPayment: z
    .object({
      patientId: id('patientId'),
      amountCents: positiveCents,
      method: z.enum(PAYMENT_METHODS, { error: 'The method must be cash, check or card.' }),
      reference: reference.optional(),
      /** Apply to these items (in this order); otherwise today's copay, then the oldest collectible items. */
      itemIds: z.array(id('itemId')).min(1).max(500).optional(),
      idempotencyKey,
    })
    .strict()
    .refine((p) => p.method === 'cash' || (p.reference ?? '').length > 0, {
      message: 'A check needs its number and a card payment its reference.',
      path: ['reference'],
    }),
  carryForward: z.object({ itemId: id('itemId'), idempotencyKey }).strict(),
  writeOff: z
    .object({
      itemId: id('itemId'),
      rule: z.enum(WRITE_OFF_RULES, { error: 'Unknown write-off rule.' }),
      /** Defaults to the most the rule allows. */
      amountCents: positiveCents.optional(),
      note: z.string().trim().max(500).optional(),
      idempotencyKey,
    })
    .strict(),
  requestWriteOff: z
    .object({
      itemId: id('itemId'),
      reason: z.string().trim().min(5, 'Say why, in a few words (5 characters at least).').max(500, 'The reason is too long (500 characters at most).'),
      amountCents: positiveCents.optional(),
      documentationRef: z.string().trim().max(200).optional(),
      idempotencyKey,
    })
    .strict(),
  recordCollectionAttempt: z
    .object({
      patientId: id('patientId'),
      kind: z.enum(COLLECTION_ATTEMPT_KINDS),
      itemIds: z.array(id('itemId')).min(1).max(500),
      note: z.string().trim().max(500).optional(),
      idempotencyKey,
    })
    .strict(),
  recordRefund: z
    .object({ itemId: id('itemId'), method: z.enum(PAYMENT_METHODS), reference: reference.optional(), idempotencyKey })
    .strict(),
  getReceipt: z
    .object({ patientId: id('patientId'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'The date must look like 2026-11-22.').optional() })
    .strict(),
} as const;

export interface AppInfo {
  practiceName: string;
  /** ISO date the core treats as today (the desk's local date). */
  today: string;
  host: 'electron' | 'browser';
}

export interface PatientSummary {
  id: number;
  mrn: string;
  /** "Family, Given" as the desk reads it. */
  name: string;
  /** ISO date, YYYY-MM-DD; null when no source has told us (an 835 carries none). */
  dob: string | null;
  /** Ten digits, or null when the main system has none. */
  phone: string | null;
}

export interface CoverageView {
  payer: string;
  program: PayerProgram;
  memberId: string | null;
  priority: number;
  copayCents: Cents;
}

export interface AppointmentView {
  id: number;
  /** Local date-time, YYYY-MM-DDTHH:MM. */
  startsAt: string;
  provider: string;
  visitType: string;
  /** The primary coverage's copay for this visit (0 when none applies). */
  expectedCopayCents: Cents;
}

export interface BalanceItem {
  id: number;
  serviceDate: string;
  serviceCode: string;
  description: string;
  category: ItemCategory;
  group: GroupCode | null;
  carc: string | null;
  rarc: string | null;
  /** What the main system reported the patient owes for this item. */
  amountCents: Cents;
  /** What is still open: the sum of the item's ledger entries. */
  openCents: Cents;
}

/** An item as the desk sees it: with what the policy allows and its collection history. */
export interface CheckInItem extends BalanceItem {
  verdict: ItemVerdict;
  collection: { statementsSent: number; firstStatementDate: string | null };
  /** In force when the item was carried forward: when, and when it goes on a statement at the latest. */
  carriedForward: { since: string; until: string } | null;
}

export interface TodaysCopay {
  appointmentId: number;
  expectedCents: Cents;
  collectedCents: Cents;
  /** Still to collect today: expected less collected (never negative). */
  dueCents: Cents;
  reason: Reason;
}

export interface PatientBalance {
  patient: PatientSummary;
  coverages: CoverageView[];
  appointmentToday: AppointmentView | null;
  /** Open items, items with money to give back, and items a manager wrote off in the last 30 days (so the desk sees the decision), oldest first. */
  items: CheckInItem[];
  /** What the patient owes that the practice may collect: the collectible items' openCents. */
  totalDueCents: Cents;
  /** Open money the practice may not collect (never billable), shown apart. */
  notCollectibleCents: Cents;
  /** Today's copay still due plus collectible balances, except those carried forward today. */
  dueTodayCents: Cents;
  todaysCopay: TodaysCopay | null;
  /** Money to give back (OA-209 collected, credits on items the patient does not owe). */
  refundsDueCents: Cents;
  /** Prepayments on account, not applied to any item. */
  unappliedCreditCents: Cents;
  policyVersion: number;
  /**
   * Carrying forward is allowed only while the patient's collectible balance is under this
   * (policy 2.1: the statement threshold, capped by the carried-total limit of 2.2).
   */
  carryForwardLimitCents: Cents;
  /** When the data last came from the main system (ISO timestamp), or null if never. */
  lastSyncedAt: string | null;
}

export interface PaymentOutcome {
  paymentId: number;
  amountCents: Cents;
  method: PaymentMethod;
  allocations: { itemId: number; amountCents: Cents }[];
  /** Kept on account as a prepayment. */
  prepaymentCents: Cents;
  policyVersion: number;
}

export interface ActionOutcome<T> {
  result: T;
  /** The patient's balance after the action. */
  balance: PatientBalance;
}

export interface ReceiptLine {
  label: string;
  detail: string;
  amountCents: Cents;
}

export interface Receipt {
  practiceName: string;
  patient: PatientSummary;
  date: string;
  payments: { id: number; receivedAt: string; method: PaymentMethod; reference: string | null; amountCents: Cents; lines: ReceiptLine[] }[];
  carriedForward: { itemId: number; serviceDate: string; description: string; amountCents: Cents; until: string }[];
  writeOffRequests: { itemId: number; description: string; amountCents: Cents; reason: string }[];
  totalPaidCents: Cents;
  balanceAfterCents: Cents;
  policyVersion: number;
}

export type WriteOffOutcome = { entryId: number; rule: WriteOffRule; amountCents: Cents; policyVersion: number };

export interface DeskOutputs {
  getAppInfo: AppInfo;
  searchPatients: PatientSummary[];
  getPatientBalance: PatientBalance;
  recordPayment: ActionOutcome<PaymentOutcome>;
  carryForward: ActionOutcome<{ carryForwardId: number; until: string; policyVersion: number }>;
  writeOff: ActionOutcome<WriteOffOutcome>;
  requestWriteOff: ActionOutcome<{ requestId: number; amountCents: Cents; policyVersion: number }>;
  recordCollectionAttempt: ActionOutcome<{ attemptId: number; policyVersion: number }>;
  recordRefund: ActionOutcome<{ entryId: number; amountCents: Cents; policyVersion: number }>;
  getReceipt: Receipt;
}

export const deskAccess: AccessMap<typeof deskInputs> = {
  getAppInfo: 'public',
  searchPatients: 'staff',
  getPatientBalance: 'staff',
  recordPayment: 'staff',
  carryForward: 'staff',
  writeOff: 'staff',
  requestWriteOff: 'staff',
  recordCollectionAttempt: 'staff',
  recordRefund: 'staff',
  getReceipt: 'staff',
};
