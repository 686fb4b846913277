/**
 * The office manager's decisions, through the contract (validation included) on a real SQLite file:
 * each writes the decision, its write-off when approved, an audit record and an outbox message in
 * one transaction, once per idempotency key; the desk then reads the decision on the item.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import { call } from '../api/dispatch';
import type { CoreContext } from '../api/handlers';
import { verifyStore } from '../audit/verify';
import { SessionStore } from '../auth/sessions';
import { getPatientBalance } from '../balances/patient-balance';
import { pendingQueue } from '../pending/queue';
import { addPatient } from '../testing/fixtures';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';

let store: TempStore;
/** The signed-in manager, as dispatch would set the context for her calls. */
let manager: CoreContext;
let keys = 0;
const key = () => `decision-test-${++keys}`;

beforeEach(() => {
  store = tempStore();
  manager = { ...store.ctx, actor: 'morgan', user: { id: 1, username: 'morgan', displayName: 'Morgan Manager', role: 'manager' } };
});
afterEach(() => store.cleanup());

function refusal(ctx: CoreContext, method: ApiMethod, input: Record<string, unknown>): ApiError {
  try {
    call(ctx, method, input);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error(`${method} was not refused`);
}

function requestFor(itemId: number, amountCents?: number): number {
  return call(store.ctx, 'requestWriteOff', { itemId, reason: 'Patient lost job', ...(amountCents ? { amountCents } : {}), idempotencyKey: key() }).result.requestId;
}

const count = (sql: string, ...params: unknown[]) => (store.db.prepare(sql).get(...params) as { n: number }).n;
const itemOf = (patientId: number, itemId: number) => getPatientBalance(store.db, store.ctx.clock, patientId).items.find((i) => i.id === itemId);

describe('decideRequest', () => {
  it('a manager does not decide their own request: another manager does', () => {
    const p = addPatient(store.db, { items: [{ amountCents: 4_500 }] });
    const requestId = call(manager, 'requestWriteOff', { itemId: p.itemIds[0]!, reason: 'Patient lost job', idempotencyKey: key() }).result.requestId;
    const own = refusal(manager, 'decideRequest', { requestId, decision: 'approve', reason: 'Billing error at intake', idempotencyKey: key() });
    expect(own).toMatchObject({ code: 'refused', message: expect.stringContaining('another manager decides it') });
    const other: CoreContext = { ...store.ctx, actor: 'alex', user: { id: 2, username: 'alex', displayName: 'Alex Lee', role: 'manager' } };
    expect(call(other, 'decideRequest', { requestId, decision: 'approve', reason: 'Billing error at intake', idempotencyKey: key() })).toMatchObject({ outcome: 'approved' });
  });

  it('approve writes the item off under approved_exception with the decision, audit and outbox in one transaction', () => {
    const p = addPatient(store.db, { items: [{ amountCents: 4_500 }] });
    const requestId = requestFor(p.itemIds[0]!);
    const decided = call(manager, 'decideRequest', { requestId, decision: 'approve', reason: 'Billing error at intake', idempotencyKey: key() });

    expect(decided).toMatchObject({ requestId, outcome: 'approved', itemId: p.itemIds[0], rule: 'approved_exception', writtenOffCents: 4_500, policyVersion: 1 });
    expect(decided.summary).toBe(`Approved: $45.00 of 99213 ${itemOf(p.patientId, p.itemIds[0]!)!.description} on 2026-10-01 written off as an exception.`);
    const entry = store.db.prepare('SELECT kind, amount_cents, rule, actor, policy_version, note FROM ledger_entries WHERE id = ?').get(decided.entryId) as Record<string, unknown>;
    expect(entry).toEqual({ kind: 'write_off', amount_cents: -4_500, rule: 'approved_exception', actor: 'morgan', policy_version: 1, note: 'Approved by Morgan Manager: Billing error at intake' });
    const request = store.db.prepare('SELECT status, decided_by, decided_by_name, decided_at, decision_reason, decision_policy_version, write_off_entry_id FROM exception_requests WHERE id = ?').get(requestId);
    expect(request).toEqual({
      status: 'approved',
      decided_by: 'morgan',
      decided_by_name: 'Morgan Manager',
      decided_at: decided.decidedAt,
      decision_reason: 'Billing error at intake',
      decision_policy_version: 1,
      write_off_entry_id: decided.entryId,
    });
    const audit = store.db.prepare("SELECT action, actor FROM audit_log WHERE actor = 'morgan' ORDER BY id").all();
    expect(audit).toEqual([
      { action: 'item.written_off', actor: 'morgan' },
      { action: 'write_off.approved', actor: 'morgan' },
    ]);
    const outbox = store.db.prepare("SELECT kind, payload FROM outbox WHERE kind != 'exception.requested' ORDER BY id").all() as { kind: string; payload: string }[];
    expect(outbox.map((o) => o.kind)).toEqual(['item.written_off', 'exception.approved']);
    expect(JSON.parse(outbox[1]!.payload)).toMatchObject({ decisionOf: 'write_off_request', recordId: requestId, amountCents: 4_500, entryId: decided.entryId, decidedBy: 'Morgan Manager', reason: 'Billing error at intake' });
    expect(verifyStore(store.db).broken).toBeNull();
    // It no longer waits for a manager.
    expect(pendingQueue(store.db, store.ctx.clock).some((e) => e.kind === 'write_off_request')).toBe(false);
  });

  it('the desk reads the approval on the item, which stays listed as written off', () => {
    const p = addPatient(store.db, { items: [{ amountCents: 4_500 }] });
    call(manager, 'decideRequest', { requestId: requestFor(p.itemIds[0]!), decision: 'approve', reason: 'Billing error at intake.', idempotencyKey: key() });
    const item = itemOf(p.patientId, p.itemIds[0]!)!;
    expect(item).toMatchObject({ openCents: 0, verdict: { collectible: false, requiredAction: 'none', allowedActions: [] } });
    expect(item.verdict.reasons[0]!.clause).toMatch(/^9\.1 /);
    expect(item.verdict.reasons[0]!.text).toMatch(/^Write-off approved by Morgan Manager on Nov 22, 2026: Billing error at intake\. \$45\.00 written off\./);
    expect(getPatientBalance(store.db, store.ctx.clock, p.patientId).totalDueCents).toBe(0);
  });

  it('approves the amount requested, capped at what is still open; the approval writes off nothing more later', () => {
    const p = addPatient(store.db, { items: [{ amountCents: 6_000 }] });
    const partial = requestFor(p.itemIds[0]!, 2_000);
    const first = call(manager, 'decideRequest', { requestId: partial, decision: 'approve', reason: 'Half of the visit was a billing error', idempotencyKey: key() });
    expect(first.writtenOffCents).toBe(2_000);
    const item = itemOf(p.patientId, p.itemIds[0]!)!;
    expect(item).toMatchObject({ openCents: 4_000, verdict: { collectible: true } });
    expect(item.verdict.reasons[0]!.text).toMatch(/^Write-off approved by Morgan Manager on Nov 22, 2026: Half of the visit was a billing error\. \$20\.00 written off\./);
    // The approval is spent: the desk may not write off the rest under it.
    expect(item.verdict.writeOffs.map((w) => w.rule)).not.toContain('approved_exception');
    expect(refusal(store.ctx, 'writeOff', { itemId: p.itemIds[0], rule: 'approved_exception', idempotencyKey: key() }).code).toBe('refused');

    // A request for the whole of it, then the patient pays part before the manager decides.
    const whole = requestFor(p.itemIds[0]!);
    call(store.ctx, 'recordPayment', { patientId: p.patientId, amountCents: 1_500, method: 'cash', itemIds: [p.itemIds[0]], idempotencyKey: key() });
    const capped = call(manager, 'decideRequest', { requestId: whole, decision: 'approve', reason: 'Patient lost job, letter seen', idempotencyKey: key() });
    expect(capped.writtenOffCents).toBe(2_500);
    expect(itemOf(p.patientId, p.itemIds[0]!)!.openCents).toBe(0);
  });

  it('deny leaves the item to collect, recorded, audited and sent; the desk reads the denial', () => {
    const p = addPatient(store.db, { items: [{ amountCents: 4_500 }] });
    const requestId = requestFor(p.itemIds[0]!);
    const denied = call(manager, 'decideRequest', { requestId, decision: 'deny', reason: 'No hardship documents. ', idempotencyKey: key() });
    expect(denied).toMatchObject({ outcome: 'denied', writtenOffCents: 0, entryId: null });
    expect(count("SELECT count(*) AS n FROM ledger_entries WHERE kind = 'write_off'")).toBe(0);
    expect(store.db.prepare('SELECT status, decided_by_name, decision_reason FROM exception_requests WHERE id = ?').get(requestId)).toEqual({ status: 'denied', decided_by_name: 'Morgan Manager', decision_reason: 'No hardship documents.' });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'write_off.denied' AND entity_id = ?", requestId)).toBe(1);
    expect(count("SELECT count(*) AS n FROM outbox WHERE kind = 'exception.denied'")).toBe(1);

    const item = itemOf(p.patientId, p.itemIds[0]!)!;
    expect(item).toMatchObject({ openCents: 4_500, verdict: { collectible: true, requiredAction: 'collect' } });
    expect(item.verdict.allowedActions).toContain('request_exception');
    expect(item.verdict.reasons[0]!.text).toMatch(/^A manager denied the write-off request on Nov 22, 2026: No hardship documents\. Collect as usual\./);
  });

  it('a replay of the same key changes nothing; a second decision is refused with who, when and why', () => {
    const p = addPatient(store.db, { items: [{ amountCents: 4_500 }] });
    const requestId = requestFor(p.itemIds[0]!);
    const input = { requestId, decision: 'approve', reason: 'Billing error at intake', idempotencyKey: key() };
    const first = call(manager, 'decideRequest', input);
    const counts = () => [count('SELECT count(*) AS n FROM ledger_entries'), count('SELECT count(*) AS n FROM audit_log'), count('SELECT count(*) AS n FROM outbox')];
    const before = counts();
    expect(call(manager, 'decideRequest', input)).toEqual(first);
    expect(counts()).toEqual(before);

    const again = refusal(manager, 'decideRequest', { requestId, decision: 'deny', reason: 'Changed my mind', idempotencyKey: key() });
    expect(again.code).toBe('refused');
    expect(again.message).toBe('This write-off request was already approved by Morgan Manager on 2026-11-22: Billing error at intake. A decision stands; the desk may send a new request if something changed.');
    expect(counts()).toEqual(before);
  });

  it('an approval the policy cannot carry out is refused and leaves the request pending', () => {
    const p = addPatient(store.db, { items: [{ amountCents: 4_500 }] });
    const requestId = requestFor(p.itemIds[0]!);
    call(store.ctx, 'recordPayment', { patientId: p.patientId, amountCents: 4_500, method: 'cash', itemIds: [p.itemIds[0]], idempotencyKey: key() });
    const refused = refusal(manager, 'decideRequest', { requestId, decision: 'approve', reason: 'Billing error at intake', idempotencyKey: key() });
    expect(refused.message).toMatch(/^Nothing is owed on 99213 .* any more, so there is nothing to write off: deny the request to close it\.$/);
    // The decision was rolled back with the refusal: nothing half-written.
    expect(store.db.prepare('SELECT status, decided_at FROM exception_requests WHERE id = ?').get(requestId)).toEqual({ status: 'pending', decided_at: null });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'write_off.%' AND action != 'write_off.requested'")).toBe(0);
  });

  it('requires a reason of five characters, and says when the request does not exist', () => {
    const p = addPatient(store.db, { items: [{ amountCents: 4_500 }] });
    const requestId = requestFor(p.itemIds[0]!);
    const short = refusal(manager, 'decideRequest', { requestId, decision: 'deny', reason: ' no  ', idempotencyKey: key() });
    expect(short.code).toBe('invalid_input');
    expect(short.issues).toEqual([{ path: 'reason', message: 'Say why, in a few words (5 characters at least).' }]);
    expect(refusal(manager, 'decideRequest', { requestId, decision: 'deny', idempotencyKey: key() }).code).toBe('invalid_input');
    expect(refusal(manager, 'decideRequest', { requestId, decision: 'maybe', reason: 'Not sure yet', idempotencyKey: key() }).code).toBe('invalid_input');
    const missing = refusal(manager, 'decideRequest', { requestId: 9_999, decision: 'deny', reason: 'Not needed', idempotencyKey: key() });
    expect(missing).toMatchObject({ code: 'not_found', message: 'No write-off request with id 9999.' });
  });

  it('only a manager may decide', () => {
    const sessions = new SessionStore();
    const now = store.ctx.clock.now().getTime();
    const desk = sessions.start({ id: 2, username: 'dana', displayName: 'Dana Desk', role: 'front_desk' }, now);
    const ctx: CoreContext = { ...store.ctx, sessions };
    const p = addPatient(store.db, { items: [{ amountCents: 4_500 }] });
    const requestId = requestFor(p.itemIds[0]!);
    for (const [method, input] of [
      ['getPendingQueue', {}],
      ['decideRequest', { requestId, decision: 'approve', reason: 'I approve myself', idempotencyKey: key() }],
      ['decideBadDebt', { itemId: p.itemIds[0], decision: 'approve', reason: 'I approve myself', idempotencyKey: key() }],
      ['resolveSyncIssue', { kind: 'quarantined', id: 1, reason: 'I approve myself', idempotencyKey: key() }],
    ] as const) {
      let code: string | null = null;
      try {
        call(ctx, method, input, desk);
      } catch (error) {
        code = (error as ApiError).code;
      }
      expect(code, method).toBe('forbidden');
    }
    expect(store.db.prepare('SELECT status FROM exception_requests WHERE id = ?').get(requestId)).toEqual({ status: 'pending' });
  });
});

describe('decideBadDebt', () => {
  /** Three statements from May: collection effort complete by November (policy 6.1). */
  const exhausted = () => addPatient(store.db, { items: [{ amountCents: 6_000, statements: ['2026-05-01', '2026-06-01', '2026-07-01'] }] });

  it('approve writes the balance off as bad debt: the decision is the approval the rule needs', () => {
    const p = exhausted();
    const itemId = p.itemIds[0]!;
    // The desk alone may not: bad debt needs a manager.
    expect(refusal(store.ctx, 'writeOff', { itemId, rule: 'bad_debt', idempotencyKey: key() }).message).toMatch(/needs a manager's approval/);

    const decided = call(manager, 'decideBadDebt', { itemId, decision: 'approve', reason: 'Three statements, no answer', idempotencyKey: key() });
    expect(decided).toMatchObject({ outcome: 'approved', rule: 'bad_debt', writtenOffCents: 6_000, itemId });
    expect(store.db.prepare('SELECT rule, amount_cents, actor FROM ledger_entries WHERE id = ?').get(decided.entryId)).toEqual({ rule: 'bad_debt', amount_cents: -6_000, actor: 'morgan' });
    expect(store.db.prepare('SELECT decision, reason, open_cents, collection_attempts, decided_by_name, write_off_entry_id FROM bad_debt_decisions WHERE id = ?').get(decided.decisionId)).toEqual({
      decision: 'approved',
      reason: 'Three statements, no answer',
      open_cents: 6_000,
      collection_attempts: 3,
      decided_by_name: 'Morgan Manager',
      write_off_entry_id: decided.entryId,
    });
    const audit = store.db.prepare("SELECT action FROM audit_log WHERE actor = 'morgan' ORDER BY id").all();
    expect(audit).toEqual([{ action: 'item.written_off' }, { action: 'bad_debt.approved' }]);
    const outbox = store.db.prepare('SELECT kind FROM outbox ORDER BY id').all();
    expect(outbox).toEqual([{ kind: 'item.written_off' }, { kind: 'exception.approved' }]);
    expect(verifyStore(store.db).broken).toBeNull();

    const item = itemOf(p.patientId, itemId)!;
    expect(item.verdict.reasons[0]!.text).toMatch(/^Written off as bad debt by Morgan Manager on Nov 22, 2026, after collection effort: Three statements, no answer\. \$60\.00 written off\./);
    expect(pendingQueue(store.db, store.ctx.clock).some((e) => e.itemId === itemId)).toBe(false);
    expect(refusal(manager, 'decideBadDebt', { itemId, decision: 'approve', reason: 'Once more please', idempotencyKey: key() }).message).toBe(
      `99213 ${item.description} on 2026-10-01 was already written off as bad debt by Morgan Manager on 2026-11-22: Three statements, no answer.`,
    );
  });

  it('deny keeps collecting: the item leaves the queue until its collection facts change', () => {
    const p = exhausted();
    const itemId = p.itemIds[0]!;
    const inQueue = () => pendingQueue(store.db, store.ctx.clock).some((e) => e.kind === 'bad_debt_candidate' && e.itemId === itemId);
    expect(inQueue()).toBe(true);
    const denied = call(manager, 'decideBadDebt', { itemId, decision: 'deny', reason: 'Patient called, will pay in December', idempotencyKey: key() });
    expect(denied).toMatchObject({ outcome: 'denied', writtenOffCents: 0, entryId: null });
    expect(count("SELECT count(*) AS n FROM outbox WHERE kind = 'exception.denied'")).toBe(1);
    expect(inQueue()).toBe(false);
    const item = itemOf(p.patientId, itemId)!;
    expect(item).toMatchObject({ openCents: 6_000, verdict: { collectible: true, requiredAction: 'collect' } });
    expect(item.verdict.reasons[0]!.text).toMatch(/^A manager decided on Nov 22, 2026 not to write this off as bad debt: Patient called, will pay in December\. Keep collecting as usual\./);

    // Deciding it again before anything changed is refused...
    expect(refusal(manager, 'decideBadDebt', { itemId, decision: 'approve', reason: 'Second thoughts', idempotencyKey: key() }).message).toMatch(
      /^Morgan Manager already decided on 2026-11-22 to keep collecting .*: Patient called, will pay in December\. It comes back to the queue when a statement, letter or call is recorded or the amount changes\.$/,
    );
    // ...until the desk records another collection attempt.
    call(store.ctx, 'recordCollectionAttempt', { patientId: p.patientId, kind: 'call', itemIds: [itemId], idempotencyKey: key() });
    expect(inQueue()).toBe(true);
    expect(call(manager, 'decideBadDebt', { itemId, decision: 'approve', reason: 'Called again, no answer', idempotencyKey: key() }).writtenOffCents).toBe(6_000);
  });

  it('refuses an item whose collection effort is not complete, and one that does not exist; a replay changes nothing', () => {
    const early = addPatient(store.db, { items: [{ amountCents: 6_000, statements: ['2026-10-01'] }] });
    const notYet = refusal(manager, 'decideBadDebt', { itemId: early.itemIds[0], decision: 'approve', reason: 'Tired of waiting', idempotencyKey: key() });
    expect(notYet.code).toBe('refused');
    expect(notYet.message).toMatch(/^Collection effort on 99213 .* is not complete \(policy 6\.1 Reasonable collection effort before bad debt\)\. 1 statement sent since 2026-10-01\./);
    expect(refusal(manager, 'decideBadDebt', { itemId: 9_999, decision: 'deny', reason: 'Not needed', idempotencyKey: key() })).toMatchObject({ code: 'not_found' });

    const p = exhausted();
    const input = { itemId: p.itemIds[0], decision: 'deny', reason: 'Patient called, will pay', idempotencyKey: key() };
    const first = call(manager, 'decideBadDebt', input);
    expect(call(manager, 'decideBadDebt', input)).toEqual(first);
    expect(count('SELECT count(*) AS n FROM bad_debt_decisions')).toBe(1);
  });
});

describe('resolveSyncIssue', () => {
  it('a sync conflict: the main system amount is accepted, the flag cleared, the desk may act again', () => {
    const p = addPatient(store.db, { items: [{ amountCents: 4_000 }] });
    const itemId = p.itemIds[0]!;
    const conflict = (n: number) =>
      Number(
        store.db
          .prepare("INSERT INTO sync_conflicts (item_id, patient_id, local_action, local_at, previous_amount_cents, new_amount_cents, source, detected_at) VALUES (?, ?, 'payment', '2026-11-01', ?, 4000, 'fhir', ?)")
          .run(itemId, p.patientId, 5_000 + n, `2026-11-2${n}T08:00:00.000Z`).lastInsertRowid,
      );
    const older = conflict(0);
    const newer = conflict(1);
    expect(itemOf(p.patientId, itemId)!.verdict.requiredAction).toBe('review');

    const resolved = call(manager, 'resolveSyncIssue', { kind: 'sync_conflict', id: newer, reason: 'Checked the remittance', idempotencyKey: key() });
    expect(resolved.summary).toBe('Resolved: 99213 on 2026-10-01 is now $40.00 as the main system says; the desk may act on it again.');
    // Both of the item's open conflicts are settled by accepting the amount.
    expect(store.db.prepare('SELECT id, resolved_by, resolution FROM sync_conflicts ORDER BY id').all()).toEqual(
      [older, newer].map((id) => ({ id, resolved_by: 'morgan', resolution: "Accepted the main system's amount, $40.00 (was $50.01): Checked the remittance" })),
    );
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'sync_conflict.resolved' AND entity_id = ?", newer)).toBe(1);
    expect(itemOf(p.patientId, itemId)!.verdict).toMatchObject({ requiredAction: 'collect', collectible: true });
    expect(pendingQueue(store.db, store.ctx.clock).some((e) => e.kind === 'sync_conflict')).toBe(false);
    expect(refusal(manager, 'resolveSyncIssue', { kind: 'sync_conflict', id: older, reason: 'Again please', idempotencyKey: key() }).message).toMatch(
      /^This sync conflict was already resolved by morgan on 2026-11-22: Accepted the main system's amount/,
    );
  });

  it('a quarantined record: marked dealt with, with the reason, audited; not found when unknown', () => {
    const id = Number(
      store.db.prepare("INSERT INTO quarantine (source, location, reason, raw, created_at) VALUES ('fhir', 'entry 3 (Observation/1)', 'Observation resources are not imported', '{}', '2026-11-22T08:00:00Z')").run().lastInsertRowid,
    );
    const input = { kind: 'quarantined', id, reason: 'Not a billing record', idempotencyKey: key() };
    const resolved = call(manager, 'resolveSyncIssue', input);
    expect(resolved.summary).toBe('Resolved: the fhir record at entry 3 (Observation/1) is marked dealt with.');
    expect(call(manager, 'resolveSyncIssue', input)).toEqual(resolved);
    expect(store.db.prepare('SELECT resolved_by, resolution FROM quarantine WHERE id = ?').get(id)).toEqual({ resolved_by: 'morgan', resolution: 'Not a billing record' });
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'quarantine.resolved'")).toBe(1);
    expect(pendingQueue(store.db, store.ctx.clock).some((e) => e.kind === 'quarantined')).toBe(false);
    expect(refusal(manager, 'resolveSyncIssue', { kind: 'quarantined', id: 999, reason: 'Not needed', idempotencyKey: key() })).toMatchObject({ code: 'not_found' });
    expect(refusal(manager, 'resolveSyncIssue', { kind: 'write_off_request', id, reason: 'Not needed', idempotencyKey: key() }).code).toBe('invalid_input');
  });
});
