/** The audit trail for managers: search every recorded action (newest first, in pages) and check the chain is intact. */
import { z } from 'zod';
import type { AccessMap } from './access';
import { isoDay, periodRefinement } from './reports';

export const AUDIT_PAGE_LIMIT = 200;

const filterText = (what: string, max: number) => z.string().trim().max(max, `The ${what} is too long (${max} characters at most).`).optional();

export const auditInputs = {
  searchAudit: z
    .object({
      /** An MRN, or any part of the patient's name (as at the desk's search). */
      patient: filterText('patient search', 100),
      /** The user who acted, as recorded (a user name, or sync:… for the main system). */
      actor: filterText('user name', 80),
      /** One kind of action, e.g. payment.recorded (see AUDIT_ACTION_LABELS). */
      action: filterText('action', 60),
      from: isoDay('first day').optional(),
      to: isoDay('last day').optional(),
      limit: z.number().int().min(1).max(AUDIT_PAGE_LIMIT, `At most ${AUDIT_PAGE_LIMIT} records a page.`).default(50),
      /** The page after the one that ended with this record (the previous answer's `nextBefore`). */
      before: z.number().int().positive().optional(),
    })
    .strict()
    .refine(periodRefinement.check, periodRefinement.message),
  /** Walks the whole chain and the ledger's invariants. */
  verifyAudit: z.object({}).strict(),
} as const;

export const auditAccess: AccessMap<typeof auditInputs> = { searchAudit: 'manager', verifyAudit: 'manager' };

/** Each kind of action in plain words; a kind not listed here is shown from its code (auditActionLabel). */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'payment.recorded': 'Payment recorded',
  'item.carried_forward': 'Balance carried forward',
  'item.written_off': 'Balance written off',
  'write_off.requested': 'Write-off requested',
  'collection.attempted': 'Collection attempt recorded',
  'refund.recorded': 'Refund recorded',
  'sync.imported': 'File imported from the main system',
  'sync.pulled': 'Changes received from the main system',
  'sync.sent': 'Change sent to the main system',
  'sync.refused_by_main_system': 'Change refused by the main system',
  'write_off.approved': 'Write-off request approved',
  'write_off.denied': 'Write-off request denied',
  'bad_debt.approved': 'Bad debt write-off approved',
  'bad_debt.denied': 'Bad debt write-off denied',
  'hardship.submitted': 'Hardship application recorded',
  'hardship.approved': 'Hardship application approved',
  'hardship.denied': 'Hardship application denied',
  'policy.published': 'Financial policy published',
  'sync_conflict.resolved': 'Sync conflict resolved',
  'quarantine.resolved': 'Quarantined record resolved',
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  sign_out: 'Signed out',
  locked: 'Screen locked',
  locked_idle: 'Locked after being idle',
  user_created: 'Staff account created',
  setting_changed: 'Setting changed',
};

/** "request.approved" → "Request approved" for kinds without a label of their own. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : action;
}

export interface AuditRecordView {
  id: number;
  /** When, as recorded (an ISO instant). */
  at: string;
  /** Who acted, as recorded (user name, or sync:… for the main system). */
  actor: string;
  /** The staff member's name when the actor is a user account. */
  actorName: string | null;
  action: string;
  actionLabel: string;
  patient: { id: number; name: string; mrn: string } | null;
  /** What was acted on, e.g. "payment 12". */
  entity: string | null;
  amountCents: number | null;
  policyVersion: number | null;
  /** The record's details in a sentence. */
  summary: string;
}

export interface AuditPage {
  records: AuditRecordView[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: number | null;
  /** With a patient filter: how many patients it matched (records of at most PATIENT_MATCH_LIMIT are searched). */
  patientsMatched: number | null;
  /** On a first page (no `before`): every user and kind of action in the log, to offer as filters. */
  choices: AuditFilterChoices | null;
}

export interface AuditFilterChoices {
  actors: { actor: string; name: string | null }[];
  actions: { action: string; label: string }[];
}

/** A name search for the audit trail covers at most this many patients; type more of the name to narrow it. */
export const PATIENT_MATCH_LIMIT = 50;

export interface AuditVerification {
  ok: boolean;
  auditRecords: number;
  ledgerEntries: number;
  /** The first broken record or ledger problem, in words (null when all holds). */
  problem: string | null;
  checkedAt: string;
}

export interface AuditOutputs {
  searchAudit: AuditPage;
  verifyAudit: AuditVerification;
}
