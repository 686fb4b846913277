import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connection';
import type { TempStore } from '../testing/temp-db';
import { TEST_TODAY, tempStore } from '../testing/temp-db';
import { seedDemoPractice } from './seed';

const stores: TempStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.cleanup()));

function seeded(patients: number, seed: number): TempStore {
  const store = tempStore({ demoPatients: patients, seed });
  stores.push(store);
  return store;
}

function fingerprint(db: Db): string {
  const hash = createHash('sha256');
  // policy_versions holds when the schema was installed, which is not demo data.
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'policy_versions' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    for (const row of db.prepare(`SELECT * FROM ${name} ORDER BY 1, 2`).iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const count = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

describe('seedDemoPractice', () => {
  it('is deterministic: same seed and date, same data; another seed, other data', () => {
    const a = seeded(120, 7);
    const b = seeded(120, 7);
    const c = seeded(120, 8);
    expect(fingerprint(a.db)).toBe(fingerprint(b.db));
    expect(fingerprint(a.db)).not.toBe(fingerprint(c.db));
  });

  it('refuses a store that already has patients', () => {
    const a = seeded(5, 1);
    expect(() => seedDemoPractice(a.db, { patients: 5, seed: 1, today: TEST_TODAY })).toThrow(/already has patients/);
  });

  it('reports progress up to the total', () => {
    const store = tempStore();
    stores.push(store);
    const seen: number[] = [];
    seedDemoPractice(store.db, { patients: 4_500, seed: 3, today: TEST_TODAY, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([2_000, 4_000, 4_500]);
  });

  describe('a 2,000-patient practice has every case the desk must handle', () => {
    let practice: TempStore;
    beforeAll(() => {
      practice = tempStore({ demoPatients: 2_000, seed: 1 });
    });
    afterAll(() => practice.cleanup());
    const store = () => practice;
    const adjustments = (group: string, carc: string, rarc?: string) =>
      count(store().db, `SELECT count(*) AS n FROM claim_adjustments WHERE group_code = ? AND carc = ?${rarc ? ' AND rarc IS NOT NULL' : ''}`, group, carc);

    it('covers every payer program', () => {
      const programs = (store().db.prepare('SELECT DISTINCT program FROM coverages ORDER BY 1').all() as { program: string }[]).map((r) => r.program);
      expect(programs).toEqual(['commercial', 'medicaid', 'medicare', 'medicare_advantage', 'qmb', 'self_pay']);
    });

    it('has copays, deductibles, coinsurance, contractual, non-covered (PR and CO), bundled, OA-209 and sequestration', () => {
      for (const [group, carc] of [['PR', '1'], ['PR', '2'], ['PR', '3'], ['CO', '45'], ['PR', '49'], ['CO', '49'], ['PR', '50'], ['CO', '50'], ['PR', '204'], ['CO', '204'], ['CO', '97'], ['OA', '209'], ['CO', '253']] as const) {
        expect(adjustments(group, carc), `${group}-${carc}`).toBeGreaterThan(0);
      }
      expect(adjustments('PR', '96', 'with RARC')).toBeGreaterThan(0);
      expect(adjustments('CO', '96', 'with RARC')).toBeGreaterThan(0);
      expect(count(store().db, "SELECT count(*) AS n FROM claim_lines WHERE modifiers = 'GA'")).toBeGreaterThan(0);
    });

    it('bills the nominal services of the primer', () => {
      for (const code of ['99421', '99422', '99423', 'G2012', '98012', '96127', 'G0444', '99050', '99051']) {
        expect(count(store().db, 'SELECT count(*) AS n FROM claim_lines WHERE service_code = ?', code), code).toBeGreaterThan(0);
      }
    });

    it('has partial payments, small balances, statements, exhausted collection effort and self-pay charges', () => {
      const db = store().db;
      const open = `SELECT i.id, i.amount_cents, sum(e.amount_cents) AS open FROM patient_items i JOIN ledger_entries e ON e.item_id = i.id GROUP BY i.id`;
      expect(count(db, `SELECT count(*) AS n FROM (${open}) WHERE open > 0 AND open < amount_cents`), 'partially paid').toBeGreaterThan(0);
      expect(count(db, `SELECT count(*) AS n FROM (${open}) WHERE open > 0 AND open < 2000`), 'under $20').toBeGreaterThan(0);
      expect(count(db, "SELECT count(*) AS n FROM collection_attempts WHERE kind = 'statement'")).toBeGreaterThan(0);
      const exhausted = `SELECT item_id FROM collection_attempt_items ai JOIN collection_attempts a ON a.id = ai.attempt_id
        GROUP BY item_id HAVING count(*) >= 3 AND julianday(max(a.attempted_on)) - julianday(min(a.attempted_on)) >= 120`;
      expect(count(db, `SELECT count(*) AS n FROM (${exhausted})`), 'exhausted').toBeGreaterThan(0);
      expect(count(db, "SELECT count(*) AS n FROM patient_items WHERE category = 'self_pay'")).toBeGreaterThan(0);
      expect(count(db, 'SELECT count(*) AS n FROM ledger_entries WHERE item_id IS NULL AND amount_cents < 0'), 'unapplied credits').toBeGreaterThan(0);
    });

    it("has today's appointments", () => {
      expect(count(store().db, 'SELECT count(*) AS n FROM appointments WHERE starts_at LIKE ?', `${TEST_TODAY}T%`)).toBeGreaterThan(10);
    });

    it('keeps every claim line balanced: billed = payer paid + adjustments (money in cents)', () => {
      const unbalanced = count(
        store().db,
        `SELECT count(*) AS n FROM claim_lines l WHERE l.allowed_cents IS NOT NULL
           AND l.billed_cents != l.payer_paid_cents + (SELECT coalesce(sum(amount_cents), 0) FROM claim_adjustments a WHERE a.claim_line_id = l.id)`,
      );
      expect(unbalanced).toBe(0);
    });
  });
});
