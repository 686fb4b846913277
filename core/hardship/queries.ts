/** Reading hardship applications: rows to the views the desk and the manager see, and the determination in force. */
import type { HardshipApplicationView, HardshipAssessment, HardshipState, HardshipStatus } from '../../shared/api/hardship';
import type { HardshipDocument, HardshipFacts } from '../../shared/policy/hardship';
import { explainHardship, HARDSHIP_DOCUMENTS } from '../../shared/policy/hardship';
import type { Db } from '../db/connection';
import { sql } from '../db/statements';

export interface HardshipRow {
  id: number;
  patient_id: number;
  household_size: number;
  annual_income_cents: number;
  note: string | null;
  submitted_by: string;
  submitted_at: string;
  guideline_year: number;
  guideline_cents: number;
  percent_of_guideline: number;
  band_up_to_percent: number | null;
  discount_percent: number;
  policy_version: number;
  status: HardshipStatus;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  expires_on: string | null;
  /** JSON array of the documents seen. */
  documents: string;
}

const COLUMNS = `a.*, (SELECT json_group_array(d.document) FROM hardship_application_documents d WHERE d.application_id = a.id) AS documents`;

export function applicationRow(db: Db, applicationId: number): HardshipRow | undefined {
  return sql(db, `SELECT ${COLUMNS} FROM hardship_applications a WHERE a.id = ?`).get(applicationId) as HardshipRow | undefined;
}

/** Every application of a patient, newest first. */
export function patientApplicationRows(db: Db, patientId: number): HardshipRow[] {
  return sql(db, `SELECT ${COLUMNS} FROM hardship_applications a WHERE a.patient_id = ? ORDER BY a.submitted_at DESC, a.id DESC`).all(patientId) as HardshipRow[];
}

export function pendingApplicationRow(db: Db, patientId: number): HardshipRow | undefined {
  return sql(db, `SELECT ${COLUMNS} FROM hardship_applications a WHERE a.patient_id = ? AND a.status = 'pending'`).get(patientId) as HardshipRow | undefined;
}

/**
 * The determination in force on `today`: the latest approval whose expiry is after today.
 * `expires_on` is the first day it no longer applies.
 */
export function activeApplicationRow(db: Db, patientId: number, today: string): HardshipRow | undefined {
  return sql(
    db,
    `SELECT ${COLUMNS} FROM hardship_applications a
     WHERE a.patient_id = ? AND a.status = 'approved' AND a.expires_on > ?
     ORDER BY a.decided_at DESC, a.id DESC LIMIT 1`,
  ).get(patientId, today) as HardshipRow | undefined;
}

/** The discount of the approved, unexpired determination (what the engine's `hardship` write-off uses), or null. */
export function hardshipDiscountPercent(db: Db, patientId: number, today: string): number | null {
  const row = sql(
    db,
    `SELECT discount_percent FROM hardship_applications
     WHERE patient_id = ? AND status = 'approved' AND expires_on > ?
     ORDER BY decided_at DESC, id DESC LIMIT 1`,
  ).get(patientId, today) as { discount_percent: number } | undefined;
  return row && row.discount_percent > 0 ? row.discount_percent : null;
}

export function stateOf(row: Pick<HardshipRow, 'status' | 'expires_on'>, today: string): HardshipState {
  if (row.status !== 'approved') return row.status;
  return row.expires_on !== null && row.expires_on > today ? 'active' : 'expired';
}

export function factsOf(row: HardshipRow): HardshipFacts {
  return {
    householdSize: row.household_size,
    annualIncomeCents: row.annual_income_cents,
    guidelineYear: row.guideline_year,
    guidelineCents: row.guideline_cents,
    percentOfGuideline: row.percent_of_guideline,
    discountPercent: row.discount_percent,
    bandUpToPercent: row.band_up_to_percent,
    policyVersion: row.policy_version,
  };
}

export function toAssessment(facts: HardshipFacts): HardshipAssessment {
  return { ...facts, explanation: explainHardship(facts) };
}

/** The documents in the list's own order, whatever order SQLite returned them in. */
function documentsOf(row: HardshipRow): HardshipDocument[] {
  const seen = new Set(JSON.parse(row.documents) as string[]);
  return HARDSHIP_DOCUMENTS.filter((d) => seen.has(d));
}

export function toApplicationView(row: HardshipRow, today: string): HardshipApplicationView {
  return {
    id: row.id,
    patientId: row.patient_id,
    status: row.status,
    state: stateOf(row, today),
    householdSize: row.household_size,
    annualIncomeCents: row.annual_income_cents,
    documentsSeen: documentsOf(row),
    note: row.note,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    result: toAssessment(factsOf(row)),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    expiresOn: row.expires_on,
  };
}
