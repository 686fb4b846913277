/**
 * Writes the demo practice into a fresh store. Patients are generated one by
 * one (deterministic for a seed and reference date) and written in batches,
 * each batch one transaction, so 200,000 patients take seconds, not minutes.
 */
import type { Statement } from 'better-sqlite3';
import { withBulkLoadSettings } from '../db/bulk-load';
import type { Db } from '../db/connection';
import { insertPatient } from '../patients/queries';
import { recordSync, setSetting } from '../settings/queries';
import { DEMO_MAIN_SYSTEM, PRACTICE_NAME } from './catalog';
import type { DemoPatient } from './patient-generator';
import { DEMO_SERVICES, generatePatient } from './patient-generator';
import { DemoRandom } from './random';

export interface SeedOptions {
  patients: number;
  seed: number;
  /** The reference date (YYYY-MM-DD): today's appointments are on it, history runs back from it. */
  today: string;
  /** How far back each patient's history goes (default two years). */
  historyDays?: number;
  onProgress?: (done: number, total: number) => void;
}

export const DEMO_SOURCE = 'demo';
/** The practice the app seeds on its first run (the embedded default). */
export const EMBEDDED_DEMO = { patients: 2_000, seed: 1 } as const;
const BATCH = 2_000;
const ACTOR = 'demo-seed';

const at = (date: string) => `${date}T15:00:00.000Z`;

function statements(db: Db) {
  const prepare = (sql: string): Statement => db.prepare(sql);
  return {
    coverage: prepare(
      'INSERT INTO coverages (patient_id, payer_name, program, member_id, priority, copay_cents, active_from) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    appointment: prepare('INSERT INTO appointments (patient_id, starts_at, provider, visit_type, status) VALUES (?, ?, ?, ?, ?)'),
    claim: prepare(
      'INSERT INTO claims (patient_id, coverage_id, claim_number, payer_claim_number, status, adjudicated_on) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    line: prepare(
      `INSERT INTO claim_lines (claim_id, line_number, service_date, service_code, modifiers, billed_cents, allowed_cents, payer_paid_cents)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    adjustment: prepare('INSERT INTO claim_adjustments (claim_line_id, group_code, carc, rarc, amount_cents) VALUES (?, ?, ?, ?, ?)'),
    item: prepare(
      `INSERT INTO patient_items (patient_id, claim_line_id, adjustment_id, service_date, service_code, category, amount_cents, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    entry: prepare(
      `INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, method, reference, posted_at, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    attempt: prepare('INSERT INTO collection_attempts (patient_id, kind, attempted_on, amount_cents, actor) VALUES (?, ?, ?, ?, ?)'),
    attemptItem: prepare('INSERT INTO collection_attempt_items (attempt_id, item_id) VALUES (?, ?)'),
  };
}

type Writers = ReturnType<typeof statements>;

const id = (result: { lastInsertRowid: number | bigint }) => Number(result.lastInsertRowid);

function writePatient(db: Db, w: Writers, p: DemoPatient, createdAt: string): void {
  const patientId = insertPatient(db, {
    mrn: p.mrn,
    familyName: p.familyName,
    givenName: p.givenName,
    dob: p.dob,
    phone: p.phone,
    createdAt,
    identifiers: [{ system: DEMO_MAIN_SYSTEM, value: p.mainSystemId }],
  });
  const coverageIds = p.coverages.map((c) =>
    id(w.coverage.run(patientId, c.payer, c.program, c.memberId, c.priority, c.copayCents, c.activeFrom)),
  );
  for (const a of p.appointments) w.appointment.run(patientId, a.startsAt, a.provider, a.visitType, a.status);

  const lineIds: number[][] = [];
  const adjustmentIds: number[][][] = [];
  p.claims.forEach((claim, c) => {
    const coverageId = claim.coverage === null ? null : (coverageIds[claim.coverage] ?? null);
    const payerClaimNumber = claim.coverage === null ? null : `PCN${p.mrn.slice(1)}${c + 1}`;
    const claimId = id(w.claim.run(patientId, coverageId, claim.claimNumber, payerClaimNumber, claim.status, claim.adjudicatedOn));
    lineIds[c] = [];
    adjustmentIds[c] = [];
    for (const line of claim.lines) {
      const lineId = id(
        w.line.run(claimId, line.lineNumber, claim.serviceDate, line.serviceCode, line.modifiers, line.billedCents, line.allowedCents, line.payerPaidCents),
      );
      lineIds[c]!.push(lineId);
      adjustmentIds[c]!.push(line.adjustments.map((a) => id(w.adjustment.run(lineId, a.group, a.carc, a.rarc, a.amountCents))));
    }
  });

  const itemIds = p.items.map((item) => {
    const adjustmentId = item.adjustment === null ? null : adjustmentIds[item.claim]![item.line]![item.adjustment]!;
    const itemId = id(
      w.item.run(patientId, lineIds[item.claim]![item.line]!, adjustmentId, item.serviceDate, item.serviceCode, item.category, item.amountCents, at(item.billedOn)),
    );
    w.entry.run(patientId, itemId, 'charge', item.amountCents, 'main_system', null, at(item.billedOn), ACTOR);
    return itemId;
  });
  for (const pay of p.payments) {
    const itemId = pay.item === null ? null : itemIds[pay.item]!;
    w.entry.run(patientId, itemId, 'payment', -pay.amountCents, pay.method, pay.reference, at(pay.postedOn), ACTOR);
  }
  for (const a of p.adjustments) {
    w.entry.run(patientId, itemIds[a.item]!, 'adjustment', -a.amountCents, 'main_system', 'OA-209', at(a.postedOn), ACTOR);
  }
  for (const s of p.statements) {
    const attemptId = id(w.attempt.run(patientId, 'statement', s.attemptedOn, s.amountCents, ACTOR));
    for (const i of s.items) w.attemptItem.run(attemptId, itemIds[i]!);
  }
}

/** Seeds an empty, migrated store with the demo practice. Refuses a store that already has patients. */
export function seedDemoPractice(db: Db, options: SeedOptions): void {
  const { count } = db.prepare('SELECT count(*) AS count FROM patients').get() as { count: number };
  if (count > 0) throw new Error('This database already has patients; the demo practice is only seeded into an empty one.');
  const rng = new DemoRandom(options.seed);
  const createdAt = at(options.today);
  const w = statements(db);

  db.transaction(() => {
    setSetting(db, 'practice_name', PRACTICE_NAME);
    setSetting(db, 'demo_seed', String(options.seed));
    const addService = db.prepare('INSERT INTO service_codes (code, description) VALUES (?, ?)');
    for (const s of DEMO_SERVICES) addService.run(s.code, s.description);
  })();

  withBulkLoadSettings(db, () => {
    for (let start = 0; start < options.patients; start += BATCH) {
      const end = Math.min(options.patients, start + BATCH);
      db.transaction(() => {
        for (let index = start; index < end; index++) writePatient(db, w, generatePatient(rng, index, options.today, options.historyDays), createdAt);
      })();
      options.onProgress?.(end, options.patients);
    }
  });
  // The demo's data came "from the main system" this morning.
  recordSync(db, DEMO_SOURCE, new Date(`${options.today}T07:30:00`).toISOString());
}
