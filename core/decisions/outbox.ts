/**
 * What the main system learns of a manager's decision on a write-off: outbox kind
 * `exception.approved` or `exception.denied` (FHIR: a Task about the item; CSV: one row with the
 * rule, the amount and the reason). An approval also posts an `item.written_off` message, the
 * adjustment the main system must post; this one records the decision itself.
 */
import type { WriteOffRule } from '../../shared/policy/verdict';
import type { Db } from '../db/connection';
import { enqueueOutbox } from '../ledger/journal';

export interface DecisionMessage {
  at: string;
  idempotencyKey: string;
  outcome: 'approved' | 'denied';
  /** A desk's write-off request, or a bad-debt candidate. */
  decisionOf: 'write_off_request' | 'bad_debt';
  /** The request's id, or the bad-debt decision's id. */
  recordId: number;
  itemId: number;
  mrn: string;
  rule: WriteOffRule;
  /** Approved: the amount written off; denied: the amount that stays to be collected. */
  amountCents: number;
  entryId: number | null;
  reason: string;
  decidedBy: string;
  policyVersion: number;
}

export function enqueueDecision(db: Db, message: DecisionMessage): void {
  const { at, idempotencyKey, outcome, ...payload } = message;
  enqueueOutbox(db, { at, kind: `exception.${outcome}`, idempotencyKey: `${idempotencyKey}:decision`, payload: { ...payload, decidedAt: at } });
}
