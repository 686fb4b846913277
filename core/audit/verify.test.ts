import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { addPatient } from '../testing/fixtures';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';
import { verifyStore } from './verify';

let store: TempStore;
beforeEach(() => {
  store = tempStore({ demoPatients: 20 });
  const { patientId, itemIds } = addPatient(store.db, { items: [{ amountCents: 800 }, { amountCents: 700 }] });
  for (const [i, request] of [
    ['recordPayment', { patientId, amountCents: 500, method: 'cash' }],
    ['carryForward', { itemId: itemIds[0] }],
    ['requestWriteOff', { itemId: itemIds[1], reason: 'Patient disputes it' }],
  ].entries()) {
    expect(dispatch(store.ctx, request[0] as 'recordPayment', { ...(request[1] as object), idempotencyKey: `verify-${i}-key` }).ok).toBe(true);
  }
});
afterEach(() => store.cleanup());

/** Tampering as someone with the database file would: triggers dropped, rows changed behind the app's back. */
function tamper(sql: string) {
  store.db.close();
  const raw = new Database(store.file);
  raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS ledger_entries_no_update;');
  raw.exec(sql);
  return raw;
}

describe('verifyStore', () => {
  it('finds an intact chain and a consistent ledger', () => {
    expect(verifyStore(store.db)).toMatchObject({ auditRecords: 3, broken: null });
  });

  it('names the record whose contents were changed', () => {
    const raw = tamper("UPDATE audit_log SET actor = 'someone else' WHERE id = 2");
    expect(verifyStore(raw).broken).toBe('Audit record 2: its contents changed after it was written.');
    raw.close();
  });

  it('notices a removed record', () => {
    const raw = tamper('DELETE FROM audit_log WHERE id = 2');
    expect(verifyStore(raw).broken).toBe('Audit record 3: it does not follow the record before it (a record was removed, inserted or reordered).');
    raw.close();
  });

  it('notices a payment whose applications were altered', () => {
    const raw = tamper("UPDATE ledger_entries SET amount_cents = -400 WHERE kind = 'payment' AND payment_id IS NOT NULL");
    expect(verifyStore(raw).broken).toMatch(/^Payment \d+: the amounts it was applied as do not add up/);
    raw.close();
  });
});
