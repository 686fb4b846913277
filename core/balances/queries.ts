import type { AppointmentView, BalanceItem, CoverageView } from '../../shared/contract';
import type { GroupCode, ItemCategory, PayerProgram } from '../../shared/domain';
import { addDays } from '../../shared/dates';
import type { Db } from '../db/connection';

interface ItemRow {
  id: number;
  service_date: string;
  service_code: string;
  description: string;
  category: ItemCategory;
  group_code: GroupCode | null;
  carc: string | null;
  rarc: string | null;
  amount_cents: number;
  open_cents: number;
}

/**
 * Every item the patient is reported to owe, with what is still open computed
 * from the ledger (never stored), oldest first.
 */
export function listPatientItems(db: Db, patientId: number): BalanceItem[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.service_date, i.service_code, coalesce(sc.description, i.service_code) AS description,
              i.category, a.group_code, a.carc, a.rarc, i.amount_cents,
              (SELECT coalesce(sum(e.amount_cents), 0) FROM ledger_entries e WHERE e.item_id = i.id) AS open_cents
         FROM patient_items i
         LEFT JOIN claim_adjustments a ON a.id = i.adjustment_id
         LEFT JOIN service_codes sc ON sc.code = i.service_code
        WHERE i.patient_id = ?
        ORDER BY i.service_date, i.id`,
    )
    .all(patientId) as ItemRow[];
  return rows.map((row) => ({
    id: row.id,
    serviceDate: row.service_date,
    serviceCode: row.service_code,
    description: row.description,
    category: row.category,
    group: row.group_code,
    carc: row.carc,
    rarc: row.rarc,
    amountCents: row.amount_cents,
    openCents: row.open_cents,
  }));
}

interface CoverageRow {
  payer_name: string;
  program: PayerProgram;
  member_id: string | null;
  priority: number;
  copay_cents: number;
}

/** Coverages in force on `onDate`, primary first. */
export function listActiveCoverages(db: Db, patientId: number, onDate: string): CoverageView[] {
  const rows = db
    .prepare(
      `SELECT payer_name, program, member_id, priority, copay_cents FROM coverages
        WHERE patient_id = ? AND (active_from IS NULL OR active_from <= ?) AND (active_to IS NULL OR active_to >= ?)
        ORDER BY priority, id`,
    )
    .all(patientId, onDate, onDate) as CoverageRow[];
  return rows.map((row) => ({
    payer: row.payer_name,
    program: row.program,
    memberId: row.member_id,
    priority: row.priority,
    copayCents: row.copay_cents,
  }));
}

interface AppointmentRow {
  id: number;
  starts_at: string;
  provider: string;
  visit_type: string;
}

/** The patient's first booked or arrived appointment on `date`, if any. */
export function findAppointmentOn(db: Db, patientId: number, date: string): Omit<AppointmentView, 'expectedCopayCents'> | null {
  const row = db
    .prepare(
      `SELECT id, starts_at, provider, visit_type FROM appointments
        WHERE patient_id = ? AND starts_at >= ? AND starts_at < ? AND status IN ('booked', 'arrived')
        ORDER BY starts_at LIMIT 1`,
    )
    .get(patientId, date, addDays(date, 1)) as AppointmentRow | undefined;
  return row ? { id: row.id, startsAt: row.starts_at, provider: row.provider, visitType: row.visit_type } : null;
}
