/** Test helper: a patient built item by item, as the main system would have reported them. */
import type { GroupCode, ItemCategory, PayerProgram } from '../../shared/domain';
import type { Db } from '../db/connection';
import { insertPatient } from '../patients/queries';
import { TEST_TODAY } from './temp-db';

export interface ItemSpec {
  category?: ItemCategory;
  group?: GroupCode | null;
  carc?: string | null;
  rarc?: string | null;
  amountCents: number;
  paidCents?: number;
  serviceCode?: string;
  serviceDate?: string;
  billedOn?: string;
  /** Statements sent for it, on these dates. */
  statements?: readonly string[];
}

export interface PatientSpec {
  mrn?: string;
  program?: PayerProgram;
  copayCents?: number;
  appointmentToday?: boolean;
  items: ItemSpec[];
}

let counter = 0;

export function addPatient(db: Db, spec: PatientSpec): { patientId: number; itemIds: number[] } {
  counter += 1;
  const patientId = insertPatient(db, {
    mrn: spec.mrn ?? `FX${String(counter).padStart(6, '0')}`,
    familyName: 'Fixture',
    givenName: `Pat${counter}`,
    dob: '1960-01-01',
    phone: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const program = spec.program ?? 'commercial';
  const coverageId = Number(
    db.prepare('INSERT INTO coverages (patient_id, payer_name, program, priority, copay_cents) VALUES (?, ?, ?, 1, ?)').run(patientId, `${program} plan`, program, spec.copayCents ?? 0).lastInsertRowid,
  );
  if (spec.appointmentToday) {
    db.prepare("INSERT INTO appointments (patient_id, starts_at, provider, visit_type, status) VALUES (?, ?, 'Dr. Kim', 'Office visit', 'arrived')").run(patientId, `${TEST_TODAY}T09:00`);
  }
  const claimId = Number(db.prepare("INSERT INTO claims (patient_id, coverage_id, claim_number, status) VALUES (?, ?, ?, 'paid')").run(patientId, program === 'self_pay' ? null : coverageId, `FX-${counter}`).lastInsertRowid);
  const itemIds = spec.items.map((item, index) => {
    const serviceDate = item.serviceDate ?? '2026-10-01';
    const billedOn = item.billedOn ?? '2026-10-20';
    const lineId = Number(
      db.prepare('INSERT INTO claim_lines (claim_id, line_number, service_date, service_code, billed_cents, allowed_cents, payer_paid_cents) VALUES (?, ?, ?, ?, ?, ?, 0)')
        .run(claimId, index + 1, serviceDate, item.serviceCode ?? '99213', item.amountCents, item.amountCents).lastInsertRowid,
    );
    const group = item.group === undefined ? 'PR' : item.group;
    const adjustmentId = group
      ? Number(db.prepare('INSERT INTO claim_adjustments (claim_line_id, group_code, carc, rarc, amount_cents) VALUES (?, ?, ?, ?, ?)').run(lineId, group, item.carc ?? '2', item.rarc ?? null, item.amountCents).lastInsertRowid)
      : null;
    const itemId = Number(
      db.prepare('INSERT INTO patient_items (patient_id, claim_line_id, adjustment_id, service_date, service_code, category, amount_cents, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(patientId, lineId, adjustmentId, serviceDate, item.serviceCode ?? '99213', item.category ?? 'coinsurance', item.amountCents, `${billedOn}T12:00:00.000Z`).lastInsertRowid,
    );
    const entry = db.prepare("INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, method, posted_at, actor) VALUES (?, ?, ?, ?, ?, ?, 'fixture')");
    entry.run(patientId, itemId, 'charge', item.amountCents, 'main_system', `${billedOn}T12:00:00.000Z`);
    if (item.paidCents) entry.run(patientId, itemId, 'payment', -item.paidCents, 'cash', `${billedOn}T13:00:00.000Z`);
    for (const date of item.statements ?? []) {
      const attempt = Number(db.prepare("INSERT INTO collection_attempts (patient_id, kind, attempted_on, amount_cents, actor) VALUES (?, 'statement', ?, ?, 'fixture')").run(patientId, date, item.amountCents).lastInsertRowid);
      db.prepare('INSERT INTO collection_attempt_items (attempt_id, item_id) VALUES (?, ?)').run(attempt, itemId);
    }
    return itemId;
  });
  return { patientId, itemIds };
}
