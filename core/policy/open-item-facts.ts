/**
 * The engine's facts for every open item of the practice in one statement, for
 * comparing two policy documents over all of them (the editor's preview).
 * Same facts as balances/item-facts.ts loads for one patient (mapped by its
 * itemFactsOf), but aggregated per table once (GROUP BY) instead of a
 * sub-query per item.
 *
 * Only items with money owed (open > 0) are loaded: an item with nothing open
 * or a credit gets the same verdict under any document (paid, refund or not
 * billable are decided by the item alone), and only open items count toward a
 * patient's carry-forward total. A manager's last decision (wording only) is
 * not loaded: it changes a verdict's reasons, not what the policy allows.
 */
import type { ItemFacts } from '../../shared/policy/engine';
import type { ItemFactsRow } from '../balances/item-facts';
import { itemFactsOf } from '../balances/item-facts';
import type { Db } from '../db/connection';

export interface OpenItemFacts extends ItemFacts {
  description: string;
}

export interface PatientOpenItems {
  patientId: number;
  mrn: string;
  name: string;
  items: OpenItemFacts[];
}

interface Row extends ItemFactsRow {
  patient_id: number;
  mrn: string;
  name: string;
}

const SQL = `
  WITH open_items AS (
         SELECT item_id, sum(amount_cents) AS open_cents,
                -sum(CASE WHEN kind IN ('payment', 'refund') THEN amount_cents ELSE 0 END) AS paid_cents
           FROM ledger_entries WHERE item_id IS NOT NULL
          GROUP BY item_id HAVING sum(amount_cents) > 0),
       statements AS (
         SELECT ai.item_id, count(*) AS sent, min(ca.attempted_on) AS first_on
           FROM collection_attempt_items ai JOIN collection_attempts ca ON ca.id = ai.attempt_id
          WHERE ca.kind = 'statement' GROUP BY ai.item_id),
       latest_carry AS (SELECT item_id, max(id) AS id FROM carry_forwards GROUP BY item_id),
       requests AS (
         SELECT item_id, max(status = 'pending') AS pending, max(status = 'approved' AND write_off_entry_id IS NULL) AS approved
           FROM exception_requests GROUP BY item_id),
       conflicts AS (SELECT DISTINCT item_id FROM sync_conflicts WHERE resolved_at IS NULL)
  SELECT i.patient_id, p.mrn, p.family_name || ', ' || p.given_name AS name,
         i.id, i.service_date, substr(i.created_at, 1, 10) AS billed_on, i.service_code,
         coalesce(sc.description, i.service_code) AS description, i.category, a.group_code, a.carc, a.rarc, i.amount_cents,
         o.open_cents, o.paid_cents, cov.program,
         s.sent AS statements_sent, s.first_on AS first_statement_date,
         cf.carried_on AS carried_since,
         r.pending, r.approved, x.item_id IS NOT NULL AS conflict
    FROM open_items o
    JOIN patient_items i ON i.id = o.item_id
    JOIN patients p ON p.id = i.patient_id
    LEFT JOIN claim_adjustments a ON a.id = i.adjustment_id
    LEFT JOIN claim_lines l ON l.id = i.claim_line_id
    LEFT JOIN claims c ON c.id = l.claim_id
    LEFT JOIN coverages cov ON cov.id = coalesce(c.coverage_id, i.coverage_id)
    LEFT JOIN service_codes sc ON sc.code = i.service_code
    LEFT JOIN statements s ON s.item_id = i.id
    LEFT JOIN latest_carry lc ON lc.item_id = i.id
    LEFT JOIN carry_forwards cf ON cf.id = lc.id
    LEFT JOIN requests r ON r.item_id = i.id
    LEFT JOIN conflicts x ON x.item_id = i.id
   ORDER BY i.patient_id, i.service_date, i.id`;

/** Every patient with money owed, with their open items (oldest first), patients in id order. */
export function loadAllOpenItems(db: Db): PatientOpenItems[] {
  const patients: PatientOpenItems[] = [];
  for (const r of db.prepare(SQL).iterate() as IterableIterator<Row>) {
    let current = patients[patients.length - 1];
    if (current?.patientId !== r.patient_id) {
      current = { patientId: r.patient_id, mrn: r.mrn, name: r.name, items: [] };
      patients.push(current);
    }
    current.items.push(itemFactsOf(r));
  }
  return patients;
}
