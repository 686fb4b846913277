import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { insertPatient } from '../patients/queries';
import type { TempStore } from '../testing/temp-db';
import { TEST_TODAY, tempStore } from '../testing/temp-db';
import { getPatientBalance } from './patient-balance';

let store: TempStore | undefined;
afterEach(() => store?.cleanup());

/** A hand-made patient: a copay paid in part, a deductible paid in full, a non-covered denial, a self-pay charge. */
function buildPatient(s: TempStore) {
  const { db } = s;
  const patientId = insertPatient(db, { mrn: 'B1', familyName: 'Balance', givenName: 'Betty', dob: '1970-05-05', phone: null, createdAt: 'x' });
  db.prepare("INSERT INTO service_codes VALUES ('99213', 'Office visit'), ('99421', 'Portal e-visit') ON CONFLICT DO NOTHING").run();
  db.prepare("INSERT INTO coverages (patient_id, payer_name, program, priority, copay_cents) VALUES (?, 'Aetna', 'commercial', 1, 2500)").run(patientId);
  const claimId = Number(db.prepare("INSERT INTO claims (patient_id, claim_number, status) VALUES (?, 'C1', 'paid')").run(patientId).lastInsertRowid);
  const lineId = Number(
    db.prepare("INSERT INTO claim_lines (claim_id, line_number, service_date, service_code, billed_cents, allowed_cents, payer_paid_cents) VALUES (?, 1, '2026-09-01', '99213', 14000, 9200, 4700)").run(claimId).lastInsertRowid,
  );
  const adjust = (group: string, carc: string, rarc: string | null, cents: number) =>
    Number(db.prepare('INSERT INTO claim_adjustments (claim_line_id, group_code, carc, rarc, amount_cents) VALUES (?, ?, ?, ?, ?)').run(lineId, group, carc, rarc, cents).lastInsertRowid);
  adjust('CO', '45', null, 4800);
  const item = (adjustmentId: number | null, category: string, cents: number, date = '2026-09-01', code = '99213') => {
    const id = Number(
      db.prepare("INSERT INTO patient_items (patient_id, claim_line_id, adjustment_id, service_date, service_code, category, amount_cents, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2026-09-20T12:00:00.000Z')")
        .run(patientId, lineId, adjustmentId, date, code, category, cents).lastInsertRowid,
    );
    db.prepare("INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, posted_at, actor) VALUES (?, ?, 'charge', ?, 'x', 't')").run(patientId, id, cents);
    return id;
  };
  const pay = (itemId: number, cents: number) =>
    db.prepare("INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, method, posted_at, actor) VALUES (?, ?, 'payment', ?, 'cash', 'x', 't')").run(patientId, itemId, -cents);
  const copay = item(adjust('PR', '3', null, 2500), 'copay', 2500);
  pay(copay, 1000);
  const deductible = item(adjust('PR', '1', null, 2000), 'deductible', 2000);
  pay(deductible, 2000);
  const noncovered = item(adjust('PR', '96', 'N130', 1700), 'noncovered', 1700, '2026-08-15');
  const selfPay = item(null, 'self_pay', 4500, '2026-10-01', '99421');
  return { patientId, copay, deductible, noncovered, selfPay };
}

describe('getPatientBalance', () => {
  it('lists open items oldest first with open amounts from the ledger, and totals them', () => {
    store = tempStore();
    const p = buildPatient(store);
    const balance = getPatientBalance(store.db, store.ctx.clock, p.patientId);
    expect(balance.items.map((i) => [i.id, i.openCents])).toEqual([
      [p.noncovered, 1700],
      [p.copay, 1500],
      [p.selfPay, 4500],
    ]);
    expect(balance.totalDueCents).toBe(1700 + 1500 + 4500);
    expect(balance.items[0]).toMatchObject({ category: 'noncovered', group: 'PR', carc: '96', rarc: 'N130', amountCents: 1700, serviceCode: '99213', description: 'Office visit' });
    expect(balance.items[2]).toMatchObject({ category: 'self_pay', group: null, carc: null, rarc: null, description: 'Portal e-visit' });
  });

  it("adds today's copay to what is due today", () => {
    store = tempStore();
    const p = buildPatient(store);
    expect(getPatientBalance(store.db, store.ctx.clock, p.patientId).dueTodayCents).toBe(7700);
    store.db.prepare("INSERT INTO appointments (patient_id, starts_at, provider, visit_type, status) VALUES (?, ?, 'Dr. Kim', 'Follow-up', 'booked')").run(p.patientId, `${TEST_TODAY}T09:30`);
    const balance = getPatientBalance(store.db, store.ctx.clock, p.patientId);
    expect(balance.appointmentToday).toMatchObject({ startsAt: `${TEST_TODAY}T09:30`, provider: 'Dr. Kim', expectedCopayCents: 2500 });
    expect(balance.todaysCopay).toMatchObject({ expectedCents: 2500, collectedCents: 0, dueCents: 2500 });
    expect(balance.todaysCopay?.reason.text).toMatch(/^Copay for today's visit\. Our contract with the plan requires us to collect it\./);
    expect(balance.dueTodayCents).toBe(7700 + 2500);
    expect(balance.coverages).toEqual([{ payer: 'Aetna', program: 'commercial', memberId: null, priority: 1, copayCents: 2500 }]);
  });

  it('reports an unknown patient as not found', () => {
    store = tempStore();
    expect(() => getPatientBalance(store!.db, store!.ctx.clock, 424242)).toThrow(ApiError);
  });

  it('agrees with the ledger for every demo patient', () => {
    store = tempStore({ demoPatients: 150 });
    const ledgerOpen = store.db.prepare(
      `SELECT coalesce(sum(open), 0) AS total FROM (SELECT sum(e.amount_cents) AS open FROM ledger_entries e JOIN patient_items i ON i.id = e.item_id WHERE i.patient_id = ? GROUP BY e.item_id HAVING open > 0)`,
    );
    const patients = store.db.prepare('SELECT id FROM patients').all() as { id: number }[];
    for (const { id } of patients) {
      const balance = getPatientBalance(store.db, store.ctx.clock, id);
      const open = balance.items.filter((i) => i.openCents > 0);
      expect(balance.totalDueCents).toBe(open.filter((i) => i.verdict.collectible).reduce((sum, i) => sum + i.openCents, 0));
      expect(balance.totalDueCents + balance.notCollectibleCents).toBe((ledgerOpen.get(id) as { total: number }).total);
      for (const item of balance.items) expect(item.openCents > 0 || item.verdict.refundCents > 0).toBe(true);
    }
  });
});
