import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { addPatient } from '../testing/fixtures';
import type { TempStore } from '../testing/temp-db';
import { TEST_TODAY, tempStore } from '../testing/temp-db';
import { runReport } from './reports';

let store: TempStore;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.cleanup());

const act = (method: string, input: object, key: string) => {
  const result = dispatch(store.ctx, method, { ...input, idempotencyKey: key });
  if (!result.ok) throw new Error(result.error.message);
};

describe('reports', () => {
  it('write-offs by rule and month', () => {
    const qmb = addPatient(store.db, { program: 'qmb', items: [{ amountCents: 2_000 }] });
    const nominal = addPatient(store.db, { items: [{ amountCents: 1_600, serviceCode: '99421', category: 'noncovered', carc: '204' }] });
    act('writeOff', { itemId: qmb.itemIds[0], rule: 'not_billable' }, 'report-wo-1');
    act('writeOff', { itemId: nominal.itemIds[0], rule: 'nominal_fee' }, 'report-wo-2');
    expect(runReport(store.db, 'write-offs', { today: TEST_TODAY }).rows).toEqual([
      { month: '2026-11', rule: 'nominal_fee', count: 1, amount_cents: 600 },
      { month: '2026-11', rule: 'not_billable', count: 1, amount_cents: 2_000 },
    ]);
    expect(runReport(store.db, 'write-offs', { today: TEST_TODAY, from: '2026-12-01' }).rows).toEqual([]);
  });

  it('carried-forward balances by age', () => {
    const { itemIds } = addPatient(store.db, { items: [{ amountCents: 900, billedOn: '2026-10-01' }] });
    act('carryForward', { itemId: itemIds[0] }, 'report-cf-1');
    expect(runReport(store.db, 'carried-forward', { today: TEST_TODAY }).rows).toEqual([{ age: '31-60 days', items: 1, open_cents: 900 }]);
  });

  it('collection effort: statements and what was paid within 30 days after', () => {
    const { patientId, itemIds } = addPatient(store.db, { items: [{ amountCents: 5_000, statements: ['2026-10-01'] }] });
    store.db.prepare("INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, method, posted_at, actor) VALUES (?, ?, 'payment', -1500, 'cash', '2026-10-10T12:00:00.000Z', 't')").run(patientId, itemIds[0]);
    expect(runReport(store.db, 'collection-effort', { today: TEST_TODAY }).rows).toEqual([
      { month: '2026-10', statements: 1, billed_cents: 5_000, paid_within_30_days_cents: 1_500, statements_followed_by_payment: 1, statements_paid_in_full: 0 },
    ]);
  });

  it('consistency audit flags a group written off more than the rest, and ignores what the law requires', () => {
    for (let i = 0; i < 4; i++) addPatient(store.db, { program: 'commercial', items: [{ amountCents: 1_000 }] });
    const qmb = addPatient(store.db, { program: 'qmb', items: [{ amountCents: 1_000 }] });
    act('writeOff', { itemId: qmb.itemIds[0], rule: 'not_billable' }, 'report-cons-1');
    let rows = runReport(store.db, 'consistency', { today: TEST_TODAY }).rows;
    expect(rows.every((r) => r.flag === '')).toBe(true);
    const ma = addPatient(store.db, { program: 'medicare_advantage', items: [{ amountCents: 1_600, serviceCode: '99421', category: 'noncovered', carc: '204' }] });
    act('writeOff', { itemId: ma.itemIds[0], rule: 'nominal_fee' }, 'report-cons-2');
    rows = runReport(store.db, 'consistency', { today: TEST_TODAY }).rows;
    expect(rows.find((r) => r.group === 'medicare_advantage')).toMatchObject({ write_off_rate_pct: 37.5, flag: 'write-off rate differs' });
    expect(rows.find((r) => r.group === 'all patients')).toMatchObject({ items: 6, flag: '' });
  });
});
