/**
 * Sync against the reference main system on loopback: full and incremental
 * pulls, faults, a crash mid-pull, pushes that are never doubled, conflicts.
 */
import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../api/dispatch';
import { getPatientBalance } from '../../balances/patient-balance';
import type { TempStore } from '../../testing/temp-db';
import { TEST_TODAY, tempStore } from '../../testing/temp-db';
import type { ReferenceServer } from '../reference-server/server';
import { startReferenceServer } from '../reference-server/server';
import { syncLog } from '../sync-log';
import { pullUpdates, readCursor } from './pull';
import { pushOutbox } from './push-outbox';

let server: ReferenceServer;
let store: TempStore;
const now = () => new Date(`${TEST_TODAY}T14:00:00Z`);
const count = (s: TempStore, table: string) => (s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const fast = { retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 2_000, pageSize: 20 };

beforeAll(async () => {
  server = await startReferenceServer({ patients: 30, seed: 4, today: TEST_TODAY });
});
afterAll(() => server.close());
beforeEach(() => {
  store = tempStore();
  server.faults.reset();
});
afterEach(() => store.cleanup());

// Both ways a pull runs: fetched and mapped on this thread, and by the sync worker from the second page on.
describe.each([
  ['on one thread', { ...fast, inWorker: false }],
  ['through the sync worker', { ...fast, inWorker: true }],
])('pulling from the main system, %s', (_how, fast) => {
  it('brings in patients, coverages, claims and today\'s appointments, then nothing more the second time', async () => {
    const first = await pullUpdates(store.db, server.baseUrl, now, fast);
    expect(count(store, 'patients')).toBe(30);
    expect(first.created).toBeGreaterThan(30);
    expect(first.quarantined).toBe(0);
    expect(count(store, 'patient_items')).toBeGreaterThan(0);
    expect(readCursor(store.db, 'ExplanationOfBenefit')).toMatch(/^\d{4}-/);
    const before = ['patients', 'claims', 'patient_items', 'ledger_entries', 'appointments'].map((t) => count(store, t));
    const second = await pullUpdates(store.db, server.baseUrl, now, fast);
    expect(second).toMatchObject({ created: 0, updated: 0 });
    expect(['patients', 'claims', 'patient_items', 'ledger_entries', 'appointments'].map((t) => count(store, t))).toEqual(before);
  });

  it('pulls only what changed since the cursor', async () => {
    await pullUpdates(store.db, server.baseUrl, now, fast);
    const eobs = await server.repository.searchResources<ExplanationOfBenefit>({ resourceType: 'ExplanationOfBenefit', count: 1 } as never);
    const eob = eobs[0]!;
    await server.repository.updateResource({ ...eob, created: '2026-11-21' });
    const pages: number[] = [];
    const stats = await pullUpdates(store.db, server.baseUrl, now, { ...fast, onPage: (_t, n) => pages.push(n) });
    expect(stats.updated + stats.unchanged).toBe(1);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('survives 500s, slow answers, dropped connections, duplicate and out-of-order pages', async () => {
    server.faults.failNext(2, 500).dropNext(1).duplicateNextPage(2).reorderNextPages(2);
    await pullUpdates(store.db, server.baseUrl, now, fast);
    const clean = tempStore();
    try {
      await pullUpdates(clean.db, server.baseUrl, now, fast);
      for (const table of ['patients', 'claims', 'claim_lines', 'patient_items', 'ledger_entries', 'appointments']) expect(count(store, table), table).toBe(count(clean, table));
    } finally {
      clean.cleanup();
    }
  });

  it('commits a few pages at a time, each page whole', async () => {
    const patientsCommitted = async (resourcesPerTransaction: number) => {
      const fresh = tempStore();
      const seen: number[] = [];
      try {
        await pullUpdates(fresh.db, server.baseUrl, now, { ...fast, resourcesPerTransaction, afterPage: (type) => void (type === 'Patient' && seen.push(count(fresh, 'patients'))) });
      } finally {
        fresh.cleanup();
      }
      return seen;
    };
    expect(await patientsCommitted(1)).toEqual([20, 30]); // pages of 20: a transaction each
    expect(await patientsCommitted(40)).toEqual([30, 30]); // both pages in one transaction
  });

  it('quarantines a record the store refuses, alone, and applies the rest of its transaction', async () => {
    const clean = tempStore();
    try {
      const expected = await pullUpdates(clean.db, server.baseUrl, now, fast);
      const claimIds = (s: TempStore) => s.db.prepare('SELECT external_id FROM claims ORDER BY external_id').pluck().all() as string[];
      const refused = claimIds(clean)[3]!;
      // Stands in for any failure on write (records that cannot be mapped are quarantined before this).
      store.db.exec(`CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON main.claims WHEN NEW.external_id = '${refused}' BEGIN SELECT RAISE(ABORT, 'refused by the store'); END`);
      const stats = await pullUpdates(store.db, server.baseUrl, now, fast);
      expect(stats).toEqual({ ...expected, created: expected.created - 1, quarantined: expected.quarantined + 1 });
      expect(claimIds(store)).toEqual(claimIds(clean).filter((id) => id !== refused));
      expect(store.db.prepare('SELECT location, reason FROM quarantine').all()).toEqual([{ location: refused.slice(refused.indexOf('ExplanationOfBenefit/')), reason: 'refused by the store' }]);
    } finally {
      clean.cleanup();
    }
  });

  it('loses and doubles nothing when killed mid-pull and restarted', async () => {
    await expect(
      pullUpdates(store.db, server.baseUrl, now, {
        ...fast,
        resourcesPerTransaction: 1, // a transaction a page, so the kill falls between two pages of one type
        afterPage: (type, page) => {
          if (type === 'ExplanationOfBenefit' && page === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(readCursor(store.db, 'ExplanationOfBenefit')).toBeNull();
    await pullUpdates(store.db, server.baseUrl, now, fast);
    const clean = tempStore();
    try {
      await pullUpdates(clean.db, server.baseUrl, now, fast);
      for (const table of ['patients', 'claims', 'claim_lines', 'claim_adjustments', 'patient_items', 'ledger_entries']) expect(count(store, table), table).toBe(count(clean, table));
    } finally {
      clean.cleanup();
    }
  });
});

describe('pushing the outbox', () => {
  async function patientWithBalance(): Promise<{ patientId: number; itemId: number }> {
    await pullUpdates(store.db, server.baseUrl, now, fast);
    const row = store.db.prepare('SELECT patient_id AS patientId FROM patient_items GROUP BY patient_id ORDER BY patient_id LIMIT 1').get() as { patientId: number };
    const balance = getPatientBalance(store.db, store.ctx.clock, row.patientId);
    const item = balance.items.find((i) => i.verdict.collectible) ?? balance.items[0]!;
    return { patientId: row.patientId, itemId: item.id };
  }

  it('sends each decision once, even when a retry or a crash repeats the push', async () => {
    const { patientId } = await patientWithBalance();
    expect(dispatch(store.ctx, 'recordPayment', { patientId, amountCents: 500, method: 'cash', idempotencyKey: 'sync-pay-1' }).ok).toBe(true);
    server.faults.dropNext(1); // the server stores it, the answer is lost: the retry must find it
    expect(await pushOutbox(store.db, server.baseUrl, now, fast)).toEqual({ sent: 1, rejected: 0, remaining: 0 });
    // As if the process died after pushing but before marking it sent:
    store.db.prepare("UPDATE outbox SET status = 'pending'").run();
    await pushOutbox(store.db, server.baseUrl, now, fast);
    const found = await server.repository.searchResources({ resourceType: 'PaymentReconciliation', filters: [{ code: 'identifier', operator: 'eq', value: 'urn:front-desk:outbox|sync-pay-1:payment' }] } as never);
    expect(found).toHaveLength(1);
    expect(store.db.prepare('SELECT status, remote_ref FROM outbox').get()).toMatchObject({ status: 'sent', remote_ref: expect.stringMatching(/^PaymentReconciliation\//) });
  });

  it('keeps a message the main system refuses visible with the reason, and goes on with the rest', async () => {
    await patientWithBalance();
    store.db.prepare("INSERT INTO outbox (created_at, kind, idempotency_key, payload) VALUES (?, 'mystery.kind', 'bad-1', '{}')").run(now().toISOString());
    const summary = await pushOutbox(store.db, server.baseUrl, now, fast);
    expect(summary.rejected).toBe(1);
    expect(store.db.prepare("SELECT status, last_error FROM outbox WHERE idempotency_key = 'bad-1'").get()).toMatchObject({ status: 'rejected', last_error: expect.stringMatching(/mystery\.kind|kind/) });
  });

  it('stops on a transient failure, keeping order, and resumes later', async () => {
    const { patientId } = await patientWithBalance();
    for (const key of ['order-0001', 'order-0002']) dispatch(store.ctx, 'recordPayment', { patientId, amountCents: 100, method: 'cash', idempotencyKey: key });
    server.faults.failNext(50, 503);
    await expect(pushOutbox(store.db, server.baseUrl, now, fast)).rejects.toThrow();
    expect(count(store, "outbox WHERE status = 'pending'")).toBe(2);
    server.faults.reset();
    expect((await pushOutbox(store.db, server.baseUrl, now, fast)).sent).toBe(2);
  });
});

describe('conflicts', () => {
  it("flags an item for review when the main system's amount changed after a desk decision", async () => {
    await pullUpdates(store.db, server.baseUrl, now, fast);
    const row = store.db
      .prepare("SELECT i.id, i.amount_cents, c.external_id FROM patient_items i JOIN claim_lines l ON l.id = i.claim_line_id JOIN claims c ON c.id = l.claim_id WHERE i.category = 'coinsurance' AND c.external_id LIKE '%/ExplanationOfBenefit/%' LIMIT 1")
      .get() as { id: number; amount_cents: number; external_id: string };
    expect(dispatch(store.ctx, 'requestWriteOff', { itemId: row.id, reason: 'Patient disputes this', idempotencyKey: 'conflict-req-1' }).ok).toBe(true);
    const eob = await server.repository.readResource<ExplanationOfBenefit>('ExplanationOfBenefit', row.external_id.split('/').at(-1)!);
    for (const item of eob.item ?? []) {
      for (const a of item.adjudication ?? []) {
        if (a.category?.coding?.some((c) => c.code === 'coinsurance') && a.amount?.value !== undefined) a.amount.value = a.amount.value + 5;
      }
    }
    await server.repository.updateResource(eob);
    const stats = await pullUpdates(store.db, server.baseUrl, now, fast);
    expect(stats.conflicts).toBeGreaterThanOrEqual(1);
    expect(store.db.prepare('SELECT previous_amount_cents, local_action FROM sync_conflicts WHERE item_id = ?').get(row.id)).toEqual({ previous_amount_cents: row.amount_cents, local_action: 'write_off_request' });
    const logged = syncLog(store.db).conflicts.find((c) => c.itemId === row.id)!;
    expect(logged).toMatchObject({ previousAmountCents: row.amount_cents, localAction: 'write_off_request', mrn: expect.any(String), patientName: expect.stringContaining(', ') });
  });
});
