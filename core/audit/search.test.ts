import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/api/audit';
import type { CoreContext } from '../api/context';
import { call } from '../api/dispatch';
import { fixedClock } from '../clock';
import { addPatient } from '../testing/fixtures';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';
import { auditSql, auditWhere } from './search';

let store: TempStore;
let anne: { patientId: number; itemIds: number[]; mrn: string };
let bert: { patientId: number; itemIds: number[]; mrn: string };

/** A desk write by `actor` at a given moment, through the API as the desk makes it. */
function act(actor: string, at: string, method: 'recordPayment' | 'carryForward' | 'requestWriteOff', input: object, key: string) {
  const ctx: CoreContext = { ...store.ctx, actor, clock: fixedClock(at) };
  call(ctx, method, { ...input, idempotencyKey: key });
}

const search = (input: object) => call(store.ctx, 'searchAudit', input);
const ids = (page: AuditPage) => page.records.map((r) => r.id);

beforeEach(() => {
  store = tempStore({ demoPatients: 20 });
  anne = { ...addPatient(store.db, { mrn: 'AUD00001', items: [{ amountCents: 800 }, { amountCents: 700 }] }), mrn: 'AUD00001' };
  bert = { ...addPatient(store.db, { mrn: 'AUD00002', items: [{ amountCents: 5_000 }] }), mrn: 'AUD00002' };
  act('desk', '2026-11-20T09:00:00', 'recordPayment', { patientId: anne.patientId, amountCents: 500, method: 'cash' }, 'audit-1-key');
  act('desk', '2026-11-21T09:00:00', 'carryForward', { itemId: anne.itemIds[0] }, 'audit-2-key');
  act('dana', '2026-11-21T10:00:00', 'recordPayment', { patientId: bert.patientId, amountCents: 1_000, method: 'check', reference: '1234' }, 'audit-3-key');
  act('desk', '2026-11-22T09:00:00', 'requestWriteOff', { itemId: anne.itemIds[1], reason: 'Patient disputes it' }, 'audit-4-key');
});
afterEach(() => store.cleanup());

describe('searchAudit', () => {
  it('lists records newest first, each in plain words with patient, amount and policy version', () => {
    const page = search({});
    expect(page.records.map((r) => r.action)).toEqual(['write_off.requested', 'payment.recorded', 'item.carried_forward', 'payment.recorded']);
    expect(page.records[0]).toMatchObject({
      actor: 'desk',
      actionLabel: 'Write-off requested',
      patient: { id: anne.patientId, mrn: 'AUD00001', name: expect.stringMatching(/^Fixture, Pat\d+$/) },
      entity: expect.stringMatching(/^exception request \d+$/),
      amountCents: 700,
      policyVersion: 1,
      summary: 'Reason: Patient disputes it',
    });
    expect(page.records[1]).toMatchObject({ actor: 'dana', actionLabel: 'Payment recorded', amountCents: 1_000, summary: 'Paid by check; reference 1234; applied to 1 item' });
    expect(page.records[2]).toMatchObject({ actionLabel: 'Balance carried forward', summary: expect.stringMatching(/^On a statement by \d{4}-\d{2}-\d{2} at the latest$/) });
    expect(page.nextBefore).toBeNull();
    expect(page.choices).toEqual({
      actors: [
        { actor: 'dana', name: null },
        { actor: 'desk', name: null },
      ],
      actions: [
        { action: 'item.carried_forward', label: 'Balance carried forward' },
        { action: 'payment.recorded', label: 'Payment recorded' },
        { action: 'write_off.requested', label: 'Write-off requested' },
      ],
    });
  });

  it('filters by MRN or name, user, action and day', () => {
    expect(search({ patient: 'AUD00002' }).records.map((r) => r.patient?.mrn)).toEqual(['AUD00002']);
    expect(search({ patient: 'aud00001' }).records.every((r) => r.patient?.mrn === 'AUD00001')).toBe(true);
    const byName = search({ patient: `fixture ${store.db.prepare('SELECT given_name FROM patients WHERE id = ?').pluck().get(bert.patientId) as string}` });
    expect(byName).toMatchObject({ patientsMatched: 1, records: [{ patient: { mrn: 'AUD00002' } }] });
    expect(search({ patient: 'nobody-like-this' })).toMatchObject({ records: [], patientsMatched: 0 });
    expect(search({ actor: 'dana' }).records.map((r) => r.actor)).toEqual(['dana']);
    expect(search({ action: 'payment.recorded' }).records.map((r) => r.amountCents)).toEqual([1_000, 500]);
    expect(search({ from: '2026-11-21', to: '2026-11-21' }).records.map((r) => r.action)).toEqual(['payment.recorded', 'item.carried_forward']);
    expect(search({ actor: 'desk', from: '2026-11-21' }).records.map((r) => r.action)).toEqual(['write_off.requested', 'item.carried_forward']);
  });

  it('pages with a cursor, without repeating or skipping a record', () => {
    // Two records at the very same instant: the id breaks the tie.
    act('desk', '2026-11-22T09:00:00', 'recordPayment', { patientId: bert.patientId, amountCents: 100, method: 'cash' }, 'audit-5-key');
    const all = ids(search({ limit: 200 }));
    expect(all).toHaveLength(5);
    const seen: number[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = search({ limit: 2, ...(before ? { before } : {}) });
      seen.push(...ids(page));
      expect(page.choices === null).toBe(before !== undefined);
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(all);
    expect(() => search({ before: 999_999 })).toThrow(/no longer there/);
  });

  it('refuses bad filters in words', () => {
    expect(() => search({ from: '2026-11-22', to: '2026-11-01' })).toThrow(/first day must be on or before the last day/);
    expect(() => search({ limit: 1_000 })).toThrow(/At most 200 records a page/);
    expect(() => search({ from: 'yesterday' })).toThrow(/must look like 2026-11-22/);
  });

  it.each([false, true])('answers each common filter from an index, in order, without sorting the log (analyzed: %s)', (analyzed) => {
    if (analyzed) store.db.exec('ANALYZE');
    const plan = (filters: object) => {
      const clause = auditWhere(store.db, { limit: 50, ...filters })!;
      return (store.db.prepare(`EXPLAIN QUERY PLAN ${auditSql(clause.where)}`).all(...clause.params, 51) as { detail: string }[]).map((r) => r.detail).join('\n');
    };
    const cases: [object, RegExp][] = [
      [{}, /SCAN a USING INDEX audit_log_by_at/],
      [{ patient: 'AUD00001' }, /SEARCH a USING INDEX audit_log_by_patient \(patient_id=\?\)/],
      [{ actor: 'desk' }, /SEARCH a USING INDEX audit_log_by_actor \(actor=\?\)/],
      [{ action: 'payment.recorded' }, /SEARCH a USING INDEX audit_log_by_action \(action=\?\)/],
      [{ from: '2026-11-01', to: '2026-11-30' }, /SEARCH a USING INDEX audit_log_by_at \(at>\? AND at<\?\)/],
      [{ actor: 'desk', from: '2026-11-01', to: '2026-11-30' }, /SEARCH a USING INDEX audit_log_by_actor \(actor=\? AND at>\? AND at<\?\)/],
      [{ action: 'payment.recorded', before: 2 }, /SEARCH a USING INDEX audit_log_by_action \(action=\? AND at<\?\)/],
    ];
    for (const [filters, expected] of cases) {
      const text = plan(filters);
      expect(text, JSON.stringify(filters)).toMatch(expected);
      expect(text, JSON.stringify(filters)).not.toMatch(/SCAN a\b(?! USING INDEX audit_log_by_at)|TEMP B-TREE/);
    }
  });
});

describe('verifyAudit', () => {
  it('says the chain is intact, then names the record changed behind the app’s back', () => {
    expect(call(store.ctx, 'verifyAudit', {})).toMatchObject({ ok: true, auditRecords: 4, problem: null });
    // Tampering as someone with the database file would: the trigger dropped, a row changed.
    store.db.close();
    const raw = new Database(store.file);
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{\"amountCents\":1}' WHERE id = 3");
    raw.close();
    const reopened = tempStoreContext(store.file);
    expect(call(reopened.ctx, 'verifyAudit', {})).toMatchObject({ ok: false, problem: 'Audit record 3: its contents changed after it was written.' });
    reopened.db.close();
  });
});

function tempStoreContext(file: string) {
  const db = new Database(file);
  return { db, ctx: { ...store.ctx, db } as CoreContext };
}
