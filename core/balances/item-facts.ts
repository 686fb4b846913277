/**
 * Everything the policy engine needs to know about a patient's items, in one
 * query: open and paid amounts from the ledger, the program of the coverage
 * that adjudicated the item, statements sent, carry-forwards and requests.
 */
import type { BalanceItem } from '../../shared/contract';
import type { GroupCode, ItemCategory, PayerProgram } from '../../shared/domain';
import type { ItemFacts, ManagerDecision } from '../../shared/policy/engine';
import { localDate } from '../clock';
import type { Db } from '../db/connection';

export interface LoadedItem extends ItemFacts {
  description: string;
  /** The latest carry-forward's statement date, if carried. */
  carriedUntil: string | null;
  appointmentId: number | null;
}

/** The columns both loaders of item facts select: this one (a patient's items) and policy/open-item-facts.ts (every open item). */
export interface ItemFactsRow {
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
  statements_sent: number | null;
  first_statement_date: string | null;
  carried_since: string | null;
  pending: number | null;
  approved: number | null;
  conflict: number | null;
}

/** The engine's facts (with the item's description) from those columns. */
export function itemFactsOf(r: ItemFactsRow): ItemFacts & { description: string } {
  return {
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
    statementsSent: r.statements_sent ?? 0,
    firstStatementDate: r.first_statement_date,
    carriedSince: r.carried_since,
    pendingRequest: r.pending === 1,
    approvedException: r.approved === 1,
    conflict: r.conflict === 1,
  };
}

interface Row extends ItemFactsRow {
  hardship_written_off_cents: number;
  carried_until: string | null;
  appointment_id: number | null;
  request_decision: string | null;
  bad_debt_decision: string | null;
}

/** A decision as the SQL below builds it (json_object). */
interface DecisionJson {
  outcome: 'approved' | 'denied';
  by: string;
  at: string;
  reason: string;
  writtenOffCents: number | null;
}

const SQL = `
  SELECT i.id, i.service_date, substr(i.created_at, 1, 10) AS billed_on, i.service_code,
         coalesce(sc.description, i.service_code) AS description, i.category, a.group_code, a.carc, a.rarc, i.amount_cents,
         (SELECT coalesce(sum(e.amount_cents), 0) FROM ledger_entries e WHERE e.item_id = i.id) AS open_cents,
         (SELECT coalesce(-sum(e.amount_cents), 0) FROM ledger_entries e WHERE e.item_id = i.id AND e.kind IN ('payment', 'refund')) AS paid_cents,
         (SELECT coalesce(-sum(e.amount_cents), 0) FROM ledger_entries e WHERE e.item_id = i.id AND e.kind = 'write_off' AND e.rule = 'hardship') AS hardship_written_off_cents,
         cov.program,
         (SELECT count(*) FROM collection_attempt_items ai JOIN collection_attempts ca ON ca.id = ai.attempt_id WHERE ai.item_id = i.id AND ca.kind = 'statement') AS statements_sent,
         (SELECT min(ca.attempted_on) FROM collection_attempt_items ai JOIN collection_attempts ca ON ca.id = ai.attempt_id WHERE ai.item_id = i.id AND ca.kind = 'statement') AS first_statement_date,
         cf.carried_on AS carried_since, cf.statement_by AS carried_until,
         EXISTS (SELECT 1 FROM exception_requests r WHERE r.item_id = i.id AND r.status = 'pending') AS pending,
         EXISTS (SELECT 1 FROM exception_requests r WHERE r.item_id = i.id AND r.status = 'approved' AND r.write_off_entry_id IS NULL) AS approved,
         EXISTS (SELECT 1 FROM sync_conflicts sc2 WHERE sc2.item_id = i.id AND sc2.resolved_at IS NULL) AS conflict,
         i.appointment_id,
         (SELECT json_object('outcome', r.status, 'by', coalesce(r.decided_by_name, r.decided_by), 'at', r.decided_at, 'reason', r.decision_reason,
                             'writtenOffCents', (SELECT -e.amount_cents FROM ledger_entries e WHERE e.id = r.write_off_entry_id))
            FROM exception_requests r WHERE r.item_id = i.id AND r.status != 'pending' AND r.decided_at IS NOT NULL
           ORDER BY r.decided_at DESC, r.id DESC LIMIT 1) AS request_decision,
         (SELECT json_object('outcome', d.decision, 'by', d.decided_by_name, 'at', d.decided_at, 'reason', d.reason,
                             'writtenOffCents', (SELECT -e.amount_cents FROM ledger_entries e WHERE e.id = d.write_off_entry_id))
            FROM bad_debt_decisions d WHERE d.item_id = i.id ORDER BY d.id DESC LIMIT 1) AS bad_debt_decision
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
    ...itemFactsOf(r),
    hardshipWrittenOffCents: r.hardship_written_off_cents,
    carriedUntil: r.carried_until,
    managerDecision: latestDecision(r),
    appointmentId: r.appointment_id,
  }));
}

function toDecision(json: string | null, subject: ManagerDecision['subject']): (ManagerDecision & { at: string }) | null {
  if (!json) return null;
  const d = JSON.parse(json) as DecisionJson;
  return { subject, outcome: d.outcome, decidedBy: d.by, decidedOn: localDate(new Date(d.at)), reason: d.reason, writtenOffCents: d.writtenOffCents ?? 0, at: d.at };
}

/** The newer of the item's last decided write-off request and its last bad-debt decision. */
function latestDecision(r: Row): ManagerDecision | null {
  const request = toDecision(r.request_decision, 'write_off_request');
  const badDebt = toDecision(r.bad_debt_decision, 'bad_debt');
  const latest = request && badDebt ? (badDebt.at > request.at ? badDebt : request) : (request ?? badDebt);
  if (!latest) return null;
  const { at: _at, ...decision } = latest;
  return decision;
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
