/**
 * The office manager's pending queue and decisions: approve or deny a desk's write-off request,
 * write off (or keep collecting) a balance whose collection effort is complete, and resolve what
 * sync could not settle on its own. Every decision takes a reason and an idempotency key.
 */
import { z } from 'zod';
import type { Cents } from '../money';
import type { WriteOffRule } from '../policy/verdict';
import type { AccessMap } from './access';

export const PENDING_KINDS = ['write_off_request', 'hardship_application', 'bad_debt_candidate', 'carry_forward_ended', 'sync_conflict', 'quarantined'] as const;
export type PendingKind = (typeof PENDING_KINDS)[number];

export const PENDING_KIND_LABELS: Record<PendingKind, string> = {
  write_off_request: 'Write-off request',
  hardship_application: 'Hardship application',
  bad_debt_candidate: 'Bad-debt candidate',
  carry_forward_ended: 'Carry-forward ended',
  sync_conflict: 'Sync conflict',
  quarantined: 'Quarantined record',
};

/** oldest: longest waiting first (default); amount: largest first; patient: by patient name. */
export const PENDING_SORTS = ['oldest', 'amount', 'patient'] as const;
export type PendingSort = (typeof PENDING_SORTS)[number];

export const DECISIONS = ['approve', 'deny'] as const;
export type Decision = (typeof DECISIONS)[number];

export const SYNC_ISSUE_KINDS = ['sync_conflict', 'quarantined'] as const;
export type SyncIssueKind = (typeof SYNC_ISSUE_KINDS)[number];

export const MIN_DECISION_REASON = 5;

const id = (what: string) => z.number({ error: `${what} must be a number.` }).int().positive();
/** One per decision the manager starts (a dialog opening); a retry or double click changes nothing. */
const idempotencyKey = z.string().regex(/^[A-Za-z0-9:_-]{8,100}$/, 'idempotencyKey must be 8-100 letters, digits, - _ or :.');
const reason = z
  .string({ error: 'Give a reason.' })
  .trim()
  .min(MIN_DECISION_REASON, `Say why, in a few words (${MIN_DECISION_REASON} characters at least).`)
  .max(500, 'The reason is too long (500 characters at most).');
const decision = z.enum(DECISIONS, { error: 'The decision must be approve or deny.' });

export const decisionInputs = {
  getPendingQueue: z
    .object({
      kind: z.enum(PENDING_KINDS, { error: 'Unknown kind of pending entry.' }).optional(),
      sort: z.enum(PENDING_SORTS, { error: 'Sort by oldest, amount or patient.' }).optional(),
    })
    .strict(),
  decideRequest: z.object({ requestId: id('requestId'), decision, reason, idempotencyKey }).strict(),
  decideBadDebt: z.object({ itemId: id('itemId'), decision, reason, idempotencyKey }).strict(),
  resolveSyncIssue: z
    .object({ kind: z.enum(SYNC_ISSUE_KINDS, { error: 'Only sync conflicts and quarantined records are resolved here.' }), id: id('id'), reason, idempotencyKey })
    .strict(),
} as const;

export const decisionAccess: AccessMap<typeof decisionInputs> = {
  getPendingQueue: 'manager',
  decideRequest: 'manager',
  decideBadDebt: 'manager',
  resolveSyncIssue: 'manager',
};

/** One thing waiting for a manager. */
export interface PendingEntry {
  kind: PendingKind;
  /** The request, application, conflict or quarantine row; for item-based kinds, the item. */
  id: number;
  patientId: number | null;
  mrn: string | null;
  patientName: string | null;
  itemId: number | null;
  amountCents: Cents | null;
  /** Since when it waits: a date (YYYY-MM-DD) or an ISO timestamp. */
  since: string;
  detail: string;
}

export interface PendingQueueView {
  /** The entries of the kind asked for (all kinds when none), in the order asked for. */
  entries: PendingEntry[];
  /** How many wait of each kind, whatever the filter. */
  counts: Record<PendingKind, number>;
  total: number;
}

/** What a decision on a write-off request or a bad-debt candidate did. */
export interface DecisionOutcome {
  outcome: 'approved' | 'denied';
  patientId: number;
  itemId: number;
  /** The rule the write-off was (approve) or would have been (deny) made under. */
  rule: WriteOffRule;
  /** Written off by the approval; 0 when denied. */
  writtenOffCents: Cents;
  /** The write-off's ledger entry, when approved. */
  entryId: number | null;
  policyVersion: number;
  decidedAt: string;
  /** One sentence for the manager, e.g. "Approved: $45.00 of 99213 Office visit on 2026-10-01 written off." */
  summary: string;
}

export interface RequestDecisionOutcome extends DecisionOutcome {
  requestId: number;
}

export interface BadDebtDecisionOutcome extends DecisionOutcome {
  decisionId: number;
}

export interface SyncIssueResolution {
  kind: SyncIssueKind;
  id: number;
  resolvedAt: string;
  summary: string;
}

export interface DecisionOutputs {
  getPendingQueue: PendingQueueView;
  decideRequest: RequestDecisionOutcome;
  decideBadDebt: BadDebtDecisionOutcome;
  resolveSyncIssue: SyncIssueResolution;
}
