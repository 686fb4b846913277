import type { AppointmentView, CoverageView } from '../../shared/contract';
import type { PayerProgram } from '../../shared/domain';
import { addDays } from '../../shared/dates';
import type { Db } from '../db/connection';

export interface CoverageRow {
  id: number;
  payer_name: string;
  program: PayerProgram;
  member_id: string | null;
  priority: number;
  copay_cents: number;
}

/** Coverages in force on `onDate`, primary first. */
export function activeCoverageRows(db: Db, patientId: number, onDate: string): CoverageRow[] {
  return db
    .prepare(
      `SELECT id, payer_name, program, member_id, priority, copay_cents FROM coverages
        WHERE patient_id = ? AND (active_from IS NULL OR active_from <= ?) AND (active_to IS NULL OR active_to >= ?)
        ORDER BY priority, id`,
    )
    .all(patientId, onDate, onDate) as CoverageRow[];
}

export function toCoverageView(row: CoverageRow): CoverageView {
  return { payer: row.payer_name, program: row.program, memberId: row.member_id, priority: row.priority, copayCents: row.copay_cents };
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
