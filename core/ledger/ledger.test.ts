/**
 * The desk's actions, through the same dispatch the hosts use: what they
 * write, and what the core refuses (by rule, whatever the UI shows).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiOutput } from '../../shared/contract';
import type { ApiErrorBody } from '../../shared/errors';
import { DEFAULT_POLICY } from '../../shared/policy/document';
import { dispatch } from '../api/dispatch';
import type { CoreContext } from '../api/handlers';
import { getPatientBalance } from '../balances/patient-balance';
import { openDatabase } from '../db/connection';
import { addPatient } from '../testing/fixtures';
import type { TempStore } from '../testing/temp-db';
import { TEST_TODAY, tempStore } from '../testing/temp-db';

let store: TempStore;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.cleanup());

let keys = 0;
const key = () => `test-key-${++keys}-${Date.now()}`;

function ok<M extends ApiMethod>(method: M, input: Record<string, unknown>, ctx: CoreContext = store.ctx): ApiOutput<M> {
  const result = dispatch(ctx, method, { idempotencyKey: key(), ...input });
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value as ApiOutput<M>;
}

function refused(method: ApiMethod, input: Record<string, unknown>, ctx: CoreContext = store.ctx): ApiErrorBody {
  const result = dispatch(ctx, method, { idempotencyKey: key(), ...input });
  if (result.ok) throw new Error(`${method} was expected to be refused`);
  return result.error;
}

const TABLES = ['ledger_entries', 'payments', 'carry_forwards', 'exception_requests', 'collection_attempts', 'audit_log', 'outbox', 'operations', 'patient_items'];
function counts(): Record<string, number> {
  return Object.fromEntries(TABLES.map((t) => [t, (store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}
const balance = (patientId: number) => getPatientBalance(store.db, store.ctx.clock, patientId);

describe('recording a payment', () => {
  it("applies today's copay first, then the oldest balances, in one transaction with audit and outbox", () => {
    const { patientId, itemIds } = addPatient(store.db, {
      copayCents: 2_500,
      appointmentToday: true,
      items: [
        { amountCents: 4_000, billedOn: '2026-10-20' },
        { amountCents: 1_000, billedOn: '2026-09-01', category: 'deductible', carc: '1' },
      ],
    });
    const before = counts();
    const { result, balance: after } = ok('recordPayment', { patientId, amountCents: 5_000, method: 'card', reference: 'AUTH-1' });
    const copayItem = after.items.find((i) => i.serviceCode === 'COPAY');
    expect(result.allocations).toEqual([
      { itemId: expect.any(Number), amountCents: 2_500 },
      { itemId: itemIds[1], amountCents: 1_000 },
      { itemId: itemIds[0], amountCents: 1_500 },
    ]);
    expect(copayItem).toBeUndefined(); // paid in full, so no longer open
    expect(after.todaysCopay).toMatchObject({ expectedCents: 2_500, collectedCents: 2_500, dueCents: 0 });
    expect(after.totalDueCents).toBe(2_500);
    const diff = Object.fromEntries(Object.entries(counts()).map(([t, n]) => [t, n - before[t]!]));
    expect(diff).toMatchObject({ payments: 1, audit_log: 1, outbox: 1, operations: 1, patient_items: 1, ledger_entries: 4 });
    const outbox = store.db.prepare('SELECT kind, payload FROM outbox').get() as { kind: string; payload: string };
    expect(outbox.kind).toBe('payment.recorded');
    expect(JSON.parse(outbox.payload)).toMatchObject({ amountCents: 5_000, method: 'card', reference: 'AUTH-1', policyVersion: 1 });
  });

  it('takes partial payments and payments to chosen items', () => {
    const { patientId, itemIds } = addPatient(store.db, { items: [{ amountCents: 4_000, billedOn: '2026-09-01' }, { amountCents: 3_000 }] });
    const { result } = ok('recordPayment', { patientId, amountCents: 1_234, method: 'cash', itemIds: [itemIds[1]] });
    expect(result.allocations).toEqual([{ itemId: itemIds[1], amountCents: 1_234 }]);
    expect(balance(patientId).items.map((i) => i.openCents)).toEqual([4_000, 1_766]);
  });

  it('keeps money beyond what is owed as a prepayment, only where policy allows', () => {
    const { patientId } = addPatient(store.db, { items: [{ amountCents: 1_000 }] });
    const { result, balance: after } = ok('recordPayment', { patientId, amountCents: 3_000, method: 'cash' });
    expect(result.prepaymentCents).toBe(2_000);
    expect(after.unappliedCreditCents).toBe(2_000);
    store.db.prepare("INSERT INTO policy_versions (version, document, published_at, published_by) VALUES (2, ?, 'now', 'test')").run(JSON.stringify({ ...DEFAULT_POLICY, allowPrepayment: false }));
    const other = addPatient(store.db, { items: [{ amountCents: 1_000 }] });
    const before = counts();
    expect(refused('recordPayment', { patientId: other.patientId, amountCents: 3_000, method: 'cash' }).message).toMatch(/\$20\.00 more than the patient owes.*7\.2 Prepayments/);
    expect(counts()).toEqual(before);
  });

  it('refuses a payment to an item the practice may not collect, naming the rule, writing nothing', () => {
    const { patientId, itemIds } = addPatient(store.db, { program: 'qmb', items: [{ amountCents: 2_000 }] });
    const before = counts();
    const error = refused('recordPayment', { patientId, amountCents: 2_000, method: 'cash', itemIds: [itemIds[0]] });
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/4\.4 QMB patients are never billed Medicare cost-sharing/);
    expect(counts()).toEqual(before);
  });

  it.each([
    ['zero', { amountCents: 0 }, /more than \$0\.00/],
    ['negative', { amountCents: -500 }, /more than \$0\.00/],
    ['fractional cents', { amountCents: 10.5 }, /whole cents/],
    ['dollars as text', { amountCents: '10.00' }, /number of cents/],
    ['a check without its number', { method: 'check' }, /check needs its number/],
    ['an unknown method', { method: 'bitcoin' }, /cash, check or card/],
  ])('rejects %s as invalid input', (_name, change, message) => {
    const { patientId } = addPatient(store.db, { items: [{ amountCents: 1_000 }] });
    const error = refused('recordPayment', { patientId, amountCents: 500, method: 'cash', ...change });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(message);
  });

  it('does nothing more when the same request is replayed', () => {
    const { patientId } = addPatient(store.db, { items: [{ amountCents: 1_000 }] });
    const request = { patientId, amountCents: 400, method: 'cash', idempotencyKey: 'pay-once-123' };
    const first = dispatch(store.ctx, 'recordPayment', request);
    const before = counts();
    const second = dispatch(store.ctx, 'recordPayment', request);
    expect(counts()).toEqual(before);
    expect(second).toEqual(first);
    expect(dispatch(store.ctx, 'carryForward', { itemId: 1, idempotencyKey: 'pay-once-123' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('carrying forward', () => {
  it('carries a small balance with the date it will be statemented', () => {
    const { patientId, itemIds } = addPatient(store.db, { items: [{ amountCents: 1_500, billedOn: '2026-11-01' }] });
    const { result, balance: after } = ok('carryForward', { itemId: itemIds[0] });
    expect(result.until).toBe('2027-04-30');
    expect(after.items[0]!.carriedForward).toEqual({ since: TEST_TODAY, until: '2027-04-30' });
    expect(after.dueTodayCents).toBe(0);
    expect(refused('carryForward', { itemId: itemIds[0] }).message).toMatch(/already carried forward today/);
    expect(balance(patientId).totalDueCents).toBe(1_500); // billing later, not forgiving
  });

  it('refuses at or above the statement threshold', () => {
    const { itemIds } = addPatient(store.db, { items: [{ amountCents: 1_500 }, { amountCents: 500 }] });
    expect(refused('carryForward', { itemId: itemIds[0] }).message).toMatch(/\$20\.00, at or above the \$20\.00 limit \(2\.1/);
  });

  it('refuses a small balance billed too long ago, naming the age rule (not the threshold)', () => {
    const { itemIds } = addPatient(store.db, { items: [{ amountCents: 900, billedOn: '2026-04-01' }] });
    const message = refused('carryForward', { itemId: itemIds[0] }).message;
    expect(message).toMatch(/oldest balance was billed more than 180 days ago, so it goes on a statement now \(2\.2/);
    expect(message).not.toMatch(/threshold/);
  });

  it('refuses past the terminal rule', () => {
    const { itemIds } = addPatient(store.db, { items: [{ amountCents: 900, billedOn: '2026-05-01' }] });
    store.db.prepare("INSERT INTO carry_forwards (item_id, patient_id, carried_on, statement_by, actor, policy_version) SELECT id, patient_id, '2026-06-01', '2026-10-28', 't', 1 FROM patient_items WHERE id = ?").run(itemIds[0]);
    expect(refused('carryForward', { itemId: itemIds[0] }).message).toMatch(/cannot be carried forward again: 2\.2 Carried balances are statemented in the end/);
  });

  it('refuses what the practice may not collect', () => {
    const { itemIds } = addPatient(store.db, { program: 'medicaid', items: [{ amountCents: 500 }] });
    expect(refused('carryForward', { itemId: itemIds[0] }).message).toMatch(/4\.3 Medicaid payment is payment in full/);
  });
});

describe('writing off', () => {
  it('refuses collectible cost-sharing without hardship or exhausted effort, pointing to a request', () => {
    const { itemIds } = addPatient(store.db, { items: [{ amountCents: 500, category: 'copay', carc: '3' }] });
    const before = counts();
    for (const rule of ['small_balance', 'hardship', 'bad_debt', 'not_billable', 'approved_exception']) {
      const error = refused('writeOff', { itemId: itemIds[0], rule });
      expect(error.code).toBe('refused');
      expect(error.message).toMatch(/1\.1 Copays, deductibles and coinsurance are collected.*Request a write-off/);
    }
    expect(counts()).toEqual(before);
  });

  it('refuses bad debt at the desk: it needs a manager', () => {
    const { itemIds } = addPatient(store.db, { items: [{ amountCents: 5_000, statements: ['2026-05-01', '2026-06-01', '2026-07-01'] }] });
    expect(refused('writeOff', { itemId: itemIds[0], rule: 'bad_debt' }).message).toMatch(/needs a manager's approval/);
  });

  it('writes off what may never be billed, recording the rule and policy version', () => {
    const { patientId, itemIds } = addPatient(store.db, { program: 'qmb', items: [{ amountCents: 2_000 }] });
    const { result, balance: after } = ok('writeOff', { itemId: itemIds[0], rule: 'not_billable' });
    expect(result).toMatchObject({ rule: 'not_billable', amountCents: 2_000, policyVersion: 1 });
    expect(after.items).toEqual([]);
    const entry = store.db.prepare("SELECT rule, policy_version, actor, amount_cents FROM ledger_entries WHERE kind = 'write_off'").get();
    expect(entry).toEqual({ rule: 'not_billable', policy_version: 1, actor: 'test-desk', amount_cents: -2_000 });
    expect(balance(patientId).notCollectibleCents).toBe(0);
  });

  it('refuses more than the rule allows', () => {
    const { itemIds } = addPatient(store.db, { items: [{ amountCents: 1_600, serviceCode: '99421', category: 'noncovered', carc: '204' }] });
    expect(refused('writeOff', { itemId: itemIds[0], rule: 'nominal_fee', amountCents: 700 }).message).toMatch(/At most \$6\.00/);
    expect(ok('writeOff', { itemId: itemIds[0], rule: 'nominal_fee' }).result.amountCents).toBe(600);
  });
});

describe('requesting a write-off', () => {
  it('leaves it pending for a manager, once', () => {
    const { itemIds } = addPatient(store.db, { items: [{ amountCents: 900, category: 'copay', carc: '3' }] });
    const { result, balance: after } = ok('requestWriteOff', { itemId: itemIds[0], reason: 'Patient lost job; hardship form to follow', documentationRef: 'scan-42' });
    expect(result.amountCents).toBe(900);
    expect(after.items[0]!.verdict.needsApproval).toBe(true);
    expect(after.items[0]!.verdict.allowedActions).not.toContain('request_exception');
    expect(store.db.prepare('SELECT status, reason, documentation_ref, requested_by FROM exception_requests').get()).toEqual({ status: 'pending', reason: 'Patient lost job; hardship form to follow', documentation_ref: 'scan-42', requested_by: 'test-desk' });
    expect(refused('requestWriteOff', { itemId: itemIds[0], reason: 'again please' }).message).toMatch(/already waiting for a manager/);
    expect(refused('writeOff', { itemId: itemIds[0], rule: 'approved_exception' }).code).toBe('refused');
  });

  it('needs a reason', () => {
    const { itemIds } = addPatient(store.db, { items: [{ amountCents: 900 }] });
    expect(refused('requestWriteOff', { itemId: itemIds[0], reason: '  ' }).code).toBe('invalid_input');
  });
});

describe('refunds', () => {
  it('gives back what was collected on an OA-209 item and ends at zero', () => {
    const { patientId, itemIds } = addPatient(store.db, { items: [{ amountCents: 1_000, group: 'OA', carc: '209', category: 'other', paidCents: 1_000 }] });
    store.db.prepare("INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, method, posted_at, actor) VALUES (?, ?, 'adjustment', -1000, 'main_system', 'x', 't')").run(patientId, itemIds[0]);
    const before = balance(patientId);
    expect(before.refundsDueCents).toBe(1_000);
    expect(before.items[0]!.verdict).toMatchObject({ requiredAction: 'refund', allowedActions: ['refund'] });
    const { balance: after } = ok('recordRefund', { itemId: itemIds[0], method: 'card', reference: 'RF-1' });
    expect(after.refundsDueCents).toBe(0);
    expect(after.items).toEqual([]);
  });

  it('refunds QMB cost-sharing a patient paid, writing off the charge as not billable', () => {
    const { patientId, itemIds } = addPatient(store.db, { program: 'qmb', items: [{ amountCents: 3_000, category: 'deductible', carc: '1', paidCents: 3_000 }] });
    expect(balance(patientId).refundsDueCents).toBe(3_000);
    ok('recordRefund', { itemId: itemIds[0], method: 'check', reference: 'CHK 77' });
    const sums = store.db.prepare('SELECT kind, sum(amount_cents) AS cents FROM ledger_entries WHERE item_id = ? GROUP BY kind ORDER BY kind').all(itemIds[0]);
    expect(sums).toEqual([
      { kind: 'charge', cents: 3_000 },
      { kind: 'payment', cents: -3_000 },
      { kind: 'refund', cents: 3_000 },
      { kind: 'write_off', cents: -3_000 },
    ]);
    expect(refused('recordRefund', { itemId: itemIds[0], method: 'cash' }).message).toMatch(/Nothing is due back/);
  });
});

describe('collection attempts', () => {
  it('records a statement as collection effort, never for what may not be billed', () => {
    const { patientId, itemIds } = addPatient(store.db, { items: [{ amountCents: 4_000 }] });
    const { balance: after } = ok('recordCollectionAttempt', { patientId, kind: 'statement', itemIds });
    expect(after.items[0]!.collection).toEqual({ statementsSent: 1, firstStatementDate: TEST_TODAY });
    const qmb = addPatient(store.db, { program: 'qmb', items: [{ amountCents: 4_000 }] });
    expect(refused('recordCollectionAttempt', { patientId: qmb.patientId, kind: 'statement', itemIds: qmb.itemIds }).message).toMatch(/may not be billed to the patient/);
  });
});

describe('the receipt', () => {
  it("shows today's payment and the balance carried forward", () => {
    const { patientId, itemIds } = addPatient(store.db, { copayCents: 2_500, appointmentToday: true, items: [{ amountCents: 1_200, billedOn: '2026-11-01', serviceCode: '99421' }] });
    ok('carryForward', { itemId: itemIds[0] });
    ok('recordPayment', { patientId, amountCents: 2_500, method: 'cash' });
    const result = dispatch(store.ctx, 'getReceipt', { patientId });
    if (!result.ok) throw new Error(result.error.message);
    const receipt = result.value as ApiOutput<'getReceipt'>;
    expect(receipt.payments).toHaveLength(1);
    expect(receipt.payments[0]!.lines).toEqual([{ label: 'Copay for the visit', detail: `COPAY · ${TEST_TODAY}`, amountCents: 2_500 }]);
    expect(receipt.carriedForward).toEqual([{ itemId: itemIds[0], serviceDate: '2026-10-01', description: '99421', amountCents: 1_200, until: '2027-04-30' }]);
    expect(receipt.totalPaidCents).toBe(2_500);
    expect(receipt.balanceAfterCents).toBe(1_200);
  });
});

describe('two desks on the same patient', () => {
  it('each sees what the other committed: no payment lands on a balance already paid', () => {
    const { patientId, itemIds } = addPatient(store.db, { items: [{ amountCents: 1_500 }] });
    const second = openDatabase(store.file);
    const deskB: CoreContext = { ...store.ctx, db: second, actor: 'desk-b' };
    try {
      ok('recordPayment', { patientId, amountCents: 1_500, method: 'cash', itemIds }, store.ctx);
      expect(refused('recordPayment', { patientId, amountCents: 1_500, method: 'cash', itemIds }, deskB).message).toMatch(/nothing is owed on it/);
      expect(refused('carryForward', { itemId: itemIds[0] }, deskB).code).toBe('refused');
      expect(balance(patientId).totalDueCents).toBe(0);
    } finally {
      second.close();
    }
  });
});
