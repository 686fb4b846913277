/**
 * Property-based tests of the ledger (fast-check): random patients, random
 * sequences of desk actions, including ones the policy refuses, and replays.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod, PatientBalance } from '../../shared/contract';
import { PAYER_PROGRAMS } from '../../shared/domain';
import { WRITE_OFF_RULES } from '../../shared/policy/verdict';
import { dispatch } from '../api/dispatch';
import { getPatientBalance } from '../balances/patient-balance';
import type { ItemSpec } from '../testing/fixtures';
import { addPatient } from '../testing/fixtures';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';

let store: TempStore;
beforeAll(() => {
  store = tempStore();
});
afterAll(() => store.cleanup());

const itemSpec: fc.Arbitrary<ItemSpec> = fc.record({
  amountCents: fc.integer({ min: 1, max: 6_000 }),
  paidCents: fc.constantFrom(0, 0, 0, 500),
  category: fc.constantFrom('copay', 'deductible', 'coinsurance', 'noncovered', 'other' as const),
  carc: fc.constantFrom('1', '2', '3', '96', '204'),
  serviceCode: fc.constantFrom('99213', '99421', 'G0444', '99050', 'G2012'),
  billedOn: fc.integer({ min: 1, max: 400 }).map((d) => new Date(Date.UTC(2026, 10, 22) - d * 86_400_000).toISOString().slice(0, 10)),
  statements: fc.constantFrom([], ['2026-05-01', '2026-06-01', '2026-07-01']),
}).map((spec) => ({ ...spec, paidCents: Math.min(spec.paidCents, spec.amountCents - 1) || 0 }));

const patientSpec = fc.record({
  program: fc.constantFrom(...PAYER_PROGRAMS),
  copayCents: fc.constantFrom(0, 2_000, 2_500),
  appointmentToday: fc.boolean(),
  items: fc.array(itemSpec, { minLength: 1, maxLength: 6 }),
});

type Action =
  | { kind: 'pay'; amountCents: number; pick: number[] | null }
  | { kind: 'carry'; pick: number }
  | { kind: 'writeOff'; pick: number; rule: (typeof WRITE_OFF_RULES)[number]; amountCents: number | null }
  | { kind: 'request'; pick: number }
  | { kind: 'refund'; pick: number }
  | { kind: 'statement'; pick: number }
  | { kind: 'replay' };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('pay' as const), amountCents: fc.integer({ min: 1, max: 9_000 }), pick: fc.option(fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 3 }), { nil: null }) }),
  fc.record({ kind: fc.constant('carry' as const), pick: fc.nat(5) }),
  fc.record({ kind: fc.constant('writeOff' as const), pick: fc.nat(5), rule: fc.constantFrom(...WRITE_OFF_RULES), amountCents: fc.option(fc.integer({ min: 1, max: 6_000 }), { nil: null }) }),
  fc.record({ kind: fc.constant('request' as const), pick: fc.nat(5) }),
  fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(5) }),
  fc.record({ kind: fc.constant('statement' as const), pick: fc.nat(5) }),
  fc.constant({ kind: 'replay' as const }),
);

const WRITABLE = ['ledger_entries', 'payments', 'carry_forwards', 'exception_requests', 'collection_attempts', 'audit_log', 'outbox', 'operations', 'patient_items'];
const rowCounts = () => WRITABLE.map((t) => (store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);

let sequence = 0;

function request(a: Exclude<Action, { kind: 'replay' }>, patientId: number, itemIds: number[]): { method: ApiMethod; input: Record<string, unknown> } {
  const item = (i: number) => itemIds[i % itemIds.length]!;
  const idempotencyKey = `prop-${++sequence}`;
  switch (a.kind) {
    case 'pay':
      return { method: 'recordPayment', input: { patientId, amountCents: a.amountCents, method: 'cash', itemIds: a.pick ? [...new Set(a.pick.map(item))] : undefined, idempotencyKey } };
    case 'carry':
      return { method: 'carryForward', input: { itemId: item(a.pick), idempotencyKey } };
    case 'writeOff':
      return { method: 'writeOff', input: { itemId: item(a.pick), rule: a.rule, amountCents: a.amountCents ?? undefined, idempotencyKey } };
    case 'request':
      return { method: 'requestWriteOff', input: { itemId: item(a.pick), reason: 'Property test request', idempotencyKey } };
    case 'refund':
      return { method: 'recordRefund', input: { itemId: item(a.pick), method: 'cash', idempotencyKey } };
    case 'statement':
      return { method: 'recordCollectionAttempt', input: { patientId, kind: 'statement', itemIds: [item(a.pick)], idempotencyKey } };
  }
}

/** Cost-sharing the practice must collect: written off only with hardship or a manager's approval. */
const COLLECTIBLE_COST_SHARING_WRITE_OFFS = `
  SELECT count(*) AS n FROM ledger_entries e
    JOIN patient_items i ON i.id = e.item_id
    JOIN claim_lines l ON l.id = i.claim_line_id JOIN claims c ON c.id = l.claim_id JOIN coverages cov ON cov.id = c.coverage_id
   WHERE e.kind = 'write_off' AND e.patient_id = ?
     AND i.category IN ('copay', 'deductible', 'coinsurance')
     AND cov.program IN ('commercial', 'medicare_advantage', 'medicare')
     AND i.service_code NOT IN ('G0444', '99050')
     AND coalesce(e.rule, '') NOT IN ('hardship', 'approved_exception')`;

describe('ledger invariants', () => {
  it('hold for any sequence of desk actions', () => {
    fc.assert(
      fc.property(patientSpec, fc.array(action, { minLength: 1, maxLength: 10 }), (spec, actions) => {
        const { patientId, itemIds } = addPatient(store.db, spec);
        const balance = (): PatientBalance => getPatientBalance(store.db, store.ctx.clock, patientId);
        let last: { method: ApiMethod; input: Record<string, unknown>; answer: unknown } | null = null;

        for (const a of actions) {
          const before = balance();
          if (a.kind === 'replay') {
            if (!last) continue;
            const counts = rowCounts();
            const again = dispatch(store.ctx, last.method, last.input);
            // Replaying the same idempotency key changes nothing and answers as before.
            expect(rowCounts()).toEqual(counts);
            if (again.ok) expect((again.value as { result: unknown }).result).toEqual((last.answer as { result: unknown }).result);
            continue;
          }
          const { method, input } = request(a, patientId, itemIds);
          const answer = dispatch(store.ctx, method, input);
          // Every answer is a value or a typed refusal, never a crash.
          if (!answer.ok) expect(['refused', 'invalid_input', 'not_found']).toContain(answer.error.code);
          else last = { method, input, answer: answer.value };
          const after = balance();

          // Every balance equals the sum of its entries.
          for (const item of after.items) {
            const { sum } = store.db.prepare('SELECT sum(amount_cents) AS sum FROM ledger_entries WHERE item_id = ?').get(item.id) as { sum: number };
            expect(item.openCents).toBe(sum);
          }
          // A payment never lowers what is owed by more than its amount.
          if (a.kind === 'pay' && answer.ok) expect(before.totalDueCents - after.totalDueCents).toBeLessThanOrEqual(a.amountCents);
          // A refused action writes nothing.
          if (!answer.ok) expect(after).toEqual(before);
        }
        // No sequence of allowed actions writes off collectible cost-sharing without approval.
        expect((store.db.prepare(COLLECTIBLE_COST_SHARING_WRITE_OFFS).get(patientId) as { n: number }).n).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
