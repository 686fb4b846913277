/**
 * Everything the policy engine needs to know about a patient's items, in one
 * query: open and paid amounts from the ledger, the program of the coverage
 * that adjudicated the item, statements sent, carry-forwards and requests.
 */
import type { BalanceItem } from '../../shared/contract';
import type { GroupCode, ItemCategory, PayerProgram } from '../../shared/domain';
import type { ItemFacts } from '../../shared/policy/engine';
import type { Db } from '../db/connection';

export interface LoadedItem extends ItemFacts {
  description: string;
  /** The latest carry-forward's statement date, if carried. */
  carriedUntil: string | null;
  appointmentId: number | null;
}

interface Row {
  id: number;
  service_date: string;
  billed_on: string;
  service_code: string;
  description: string;
  category: ItemCategory;
  group_code: GroupCode | null;
  carc: string | null;
  rarc: string | null;
  amount_cents: number;
  open_cents: number;
  paid_cents: number;
  program: PayerProgram | null;
  statements_sent: number;
  first_statement_date: string | null;
  carried_since: string | null;
  carried_until: string | null;
  pending: number;
  approved: number;
  conflict: number;
  appointment_id: number | null;
}

const SQL = `
  SELECT i.id, i.service_date, substr(i.created_at, 1, 10) AS billed_on, i.service_code,
         coalesce(sc.description, i.service_code) AS description, i.category, a.group_code, a.carc, a.rarc, i.amount_cents,
         (SELECT coalesce(sum(e.amount_cents), 0) FROM ledger_entries e WHERE e.item_id = i.id) AS open_cents,
         (SELECT coalesce(-sum(e.amount_cents), 0) FROM ledger_entries e WHERE e.item_id = i.id AND e.kind IN ('payment', 'refund')) AS paid_cents,
         cov.program,
         (SELECT count(*) FROM collection_attempt_items ai JOIN collection_attempts ca ON ca.id = ai.attempt_id WHERE ai.item_id = i.id AND ca.kind = 'statement') AS statements_sent,
         (SELECT min(ca.attempted_on) FROM collection_attempt_items ai JOIN collection_attempts ca ON ca.id = ai.attempt_id WHERE ai.item_id = i.id AND ca.kind = 'statement') AS first_statement_date,
         cf.carried_on AS carried_since, cf.statement_by AS carried_until,
         EXISTS (SELECT 1 FROM exception_requests r WHERE r.item_id = i.id AND r.status = 'pending') AS pending,
         EXISTS (SELECT 1 FROM exception_requests r WHERE r.item_id = i.id AND r.status = 'approved') AS approved,
         EXISTS (SELECT 1 FROM sync_conflicts sc2 WHERE sc2.item_id = i.id AND sc2.resolved_at IS NULL) AS conflict,
         i.appointment_id
    FROM patient_items i
    LEFT JOIN claim_adjustments a ON a.id = i.adjustment_id
    LEFT JOIN claim_lines l ON l.id = i.claim_line_id
    LEFT JOIN claims c ON c.id = l.claim_id
    LEFT JOIN coverages cov ON cov.id = coalesce(c.coverage_id, i.coverage_id)
    LEFT JOIN service_codes sc ON sc.code = i.service_code
    LEFT JOIN carry_forwards cf ON cf.id = (SELECT max(id) FROM carry_forwards WHERE item_id = i.id)
   WHERE i.patient_id = ?
   ORDER BY i.service_date, i.id`;

export function loadItems(db: Db, patientId: number): LoadedItem[] {
  return (db.prepare(SQL).all(patientId) as Row[]).map((r) => ({
    id: r.id,
    serviceDate: r.service_date,
    billedOn: r.billed_on,
    serviceCode: r.service_code,
    description: r.description,
    category: r.category,
    group: r.group_code,
    carc: r.carc,
    rarc: r.rarc,
    amountCents: r.amount_cents,
    openCents: r.open_cents,
    paidCents: r.paid_cents,
    program: r.program,
    statementsSent: r.statements_sent,
    firstStatementDate: r.first_statement_date,
    carriedSince: r.carried_since,
    carriedUntil: r.carried_until,
    pendingRequest: r.pending === 1,
    approvedException: r.approved === 1,
    conflict: r.conflict === 1,
    appointmentId: r.appointment_id,
  }));
}

/** Just the fields of a BalanceItem (the shape `balance --json` documents), from any richer item. */
export function toBalanceItem(item: BalanceItem): BalanceItem {
  return {
    id: item.id,
    serviceDate: item.serviceDate,
    serviceCode: item.serviceCode,
    description: item.description,
    category: item.category,
    group: item.group,
    carc: item.carc,
    rarc: item.rarc,
    amountCents: item.amountCents,
    openCents: item.openCents,
  };
}
