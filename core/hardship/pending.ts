import { formatCents } from '../../shared/money';
import { householdWords } from '../../shared/policy/hardship';
import type { Db } from '../db/connection';
import { sql } from '../db/statements';

/** A hardship application waiting for a manager, as the pending queue lists it. */
export interface PendingHardshipApplication {
  applicationId: number;
  patientId: number;
  submittedAt: string;
  /** One line for the queue, e.g. "Household of 3, $28,000 a year: 75% off under the sliding scale". */
  detail: string;
}

interface PendingRow {
  id: number;
  patient_id: number;
  submitted_at: string;
  submitted_by: string;
  household_size: number;
  annual_income_cents: number;
  percent_of_guideline: number;
  discount_percent: number;
}

function detailOf(row: PendingRow): string {
  const income = formatCents(row.annual_income_cents).replace(/\.00$/, '');
  const result = row.discount_percent > 0 ? `${row.discount_percent}% off under the sliding scale` : 'no discount under the sliding scale';
  return `Household of ${householdWords(row.household_size)}, ${income} a year (${row.percent_of_guideline}% of the poverty guideline): ${result}. Submitted by ${row.submitted_by}.`;
}

/** Every application waiting for a manager, oldest first. */
export function pendingHardshipApplications(db: Db): PendingHardshipApplication[] {
  const rows = sql(
    db,
    `SELECT id, patient_id, submitted_at, submitted_by, household_size, annual_income_cents, percent_of_guideline, discount_percent
     FROM hardship_applications WHERE status = 'pending' ORDER BY submitted_at, id`,
  ).all() as PendingRow[];
  return rows.map((row) => ({ applicationId: row.id, patientId: row.patient_id, submittedAt: row.submitted_at, detail: detailOf(row) }));
}
