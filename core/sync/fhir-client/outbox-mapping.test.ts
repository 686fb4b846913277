import { validateResource } from '@medplum/core';
import type { Communication, PaymentReconciliation, Resource, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/policy/document';
import { dispatch } from '../../api/dispatch';
import { addPatient } from '../../testing/fixtures';
import type { TempStore } from '../../testing/temp-db';
import { tempStore } from '../../testing/temp-db';
import { loadFhirDefinitions } from '../reference-server/server';
import type { OutboxRow } from './outbox-mapping';
import {
  DESK_ITEM_SYSTEM,
  OUTBOX_KINDS,
  OUTBOX_KIND_SYSTEM,
  OUTBOX_SYSTEM,
  OutboxMappingError,
  PATIENT_EXTENSION,
  PAYMENT_METHOD_EXTENSION,
  POLICY_VERSION_EXTENSION,
  outboxIdentifier,
  outboxToFhir,
} from './outbox-mapping';

beforeAll(() => loadFhirDefinitions());

const AT = '2026-11-22T14:00:00.000Z';
const row = (kind: string, payload: Record<string, unknown>, id = 1): OutboxRow => ({ id, kind, idempotency_key: `key-${id}:${kind}`, payload: JSON.stringify(payload), created_at: AT });

/** Structurally valid R4 (Medplum's validator: required elements, types, cardinality). */
function expectValid(resource: Resource): void {
  expect(() => validateResource(resource)).not.toThrow();
}

const ext = (resource: { extension?: { url: string }[] }, url: string) => resource.extension?.find((e) => e.url === url);

describe('outboxToFhir, kind by kind', () => {
  it('payment.recorded: a PaymentReconciliation with one detail per item and the prepayment as an advance', () => {
    const r = outboxToFhir(
      row('payment.recorded', {
        paymentId: 7,
        amountCents: 6_250,
        method: 'card',
        allocations: [
          { itemId: 11, amountCents: 2_500 },
          { itemId: 12, amountCents: 1_250 },
        ],
        prepaymentCents: 2_500,
        policyVersion: 3,
        mrn: 'M0000042',
        receivedAt: AT,
        reference: 'AUTH-123456',
      }),
    ) as PaymentReconciliation;
    expectValid(r);
    expect(r.resourceType).toBe('PaymentReconciliation');
    expect(r.identifier).toEqual([
      { use: 'official', system: OUTBOX_SYSTEM, value: 'key-1:payment.recorded' },
      { system: 'urn:front-desk:desk:payment', value: '7' },
    ]);
    expect(r.meta?.tag).toEqual([{ system: OUTBOX_KIND_SYSTEM, code: 'payment.recorded' }]);
    expect(r.paymentAmount).toEqual({ value: 62.5, currency: 'USD' });
    expect(r.paymentDate).toBe('2026-11-22');
    expect(r.created).toBe(AT);
    expect(r.paymentIdentifier).toEqual({ value: 'AUTH-123456' });
    expect(r.detail?.map((d) => [d.type.coding?.[0]?.code, d.request?.identifier?.value ?? null, d.amount?.value])).toEqual([
      ['payment', '11', 25],
      ['payment', '12', 12.5],
      ['advance', null, 25],
    ]);
    expect(r.detail?.[0]?.request).toEqual({ type: 'ChargeItem', identifier: { system: DESK_ITEM_SYSTEM, value: '11' } });
    expect(ext(r, PATIENT_EXTENSION)).toMatchObject({ valueReference: { type: 'Patient', identifier: { value: 'M0000042' } } });
    expect(ext(r, PAYMENT_METHOD_EXTENSION)).toMatchObject({ valueCoding: { code: 'CCA' } });
    expect(ext(r, POLICY_VERSION_EXTENSION)).toMatchObject({ valueInteger: 3 });
  });

  it('refund.recorded: a PaymentReconciliation with negative amounts', () => {
    const r = outboxToFhir(
      row('refund.recorded', { entryId: 90, amountCents: 1_000, policyVersion: 1, mrn: 'M1', itemId: 5, method: 'check', reference: 'CHK 77' }),
    ) as PaymentReconciliation;
    expectValid(r);
    expect(r.paymentAmount).toEqual({ value: -10, currency: 'USD' });
    expect(r.detail).toHaveLength(1);
    expect(r.detail?.[0]?.amount).toEqual({ value: -10, currency: 'USD' });
    expect(r.created).toBe(AT);
    expect(r.disposition).toMatch(/Refund/);
    expect(ext(r, PAYMENT_METHOD_EXTENSION)).toMatchObject({ valueCoding: { code: 'CHK' } });
  });

  it('item.carried_forward: a Task order about the item, held until the statement date', () => {
    const r = outboxToFhir(
      row('item.carried_forward', { mrn: 'M1', itemId: 5, openCents: 1_500, carriedOn: '2026-11-22', statementBy: '2027-02-20', policyVersion: 2 }),
      { mrnSystem: 'urn:front-desk:demo-main-system:mrn' },
    ) as Task;
    expectValid(r);
    expect(r).toMatchObject({ resourceType: 'Task', status: 'requested', intent: 'order', code: { coding: [{ code: 'carry-forward' }] }, authoredOn: AT });
    expect(r.focus).toEqual({ type: 'ChargeItem', identifier: { system: DESK_ITEM_SYSTEM, value: '5' } });
    expect(r.for?.identifier).toMatchObject({ system: 'urn:front-desk:demo-main-system:mrn', value: 'M1' });
    expect(r.restriction?.period?.end).toBe('2027-02-20');
    expect(r.input?.map((i) => i.type.coding?.[0]?.code)).toEqual(['open-amount', 'carried-on', 'statement-by']);
    expect(r.input?.[0]?.valueMoney).toEqual({ value: 15, currency: 'USD' });
  });

  it('item.written_off: a Task order with the rule as the reason', () => {
    const r = outboxToFhir(
      row('item.written_off', { entryId: 3, rule: 'not_billable', amountCents: 2_000, policyVersion: 1, mrn: 'M1', itemId: 5, postedAt: AT }),
      { itemReference: (itemId) => ({ reference: `ChargeItem/main-${itemId}` }) },
    ) as Task;
    expectValid(r);
    expect(r).toMatchObject({ intent: 'order', code: { coding: [{ code: 'write-off' }] }, reasonCode: { coding: [{ code: 'not_billable' }] }, focus: { reference: 'ChargeItem/main-5' } });
    expect(r.input?.[0]?.valueMoney).toEqual({ value: 20, currency: 'USD' });
  });

  it('exception.requested: a Task proposal with the reason and documentation', () => {
    const r = outboxToFhir(
      row('exception.requested', { requestId: 4, amountCents: 900, policyVersion: 1, reason: 'Lost job; hardship form to follow', documentationRef: 'scan-42', mrn: 'M1', itemId: 5, requestedAt: AT }),
    ) as Task;
    expectValid(r);
    expect(r).toMatchObject({ intent: 'proposal', status: 'requested', reasonCode: { text: 'Lost job; hardship form to follow' } });
    expect(r.input?.find((i) => i.type.coding?.[0]?.code === 'documentation')?.valueString).toBe('scan-42');
  });

  it('collection.attempted: a Communication about the items', () => {
    const r = outboxToFhir(
      row('collection.attempted', { kind: 'call', itemIds: [5, 6], amountCents: 4_000, note: null, mrn: 'M1', attemptId: 8, attemptedOn: '2026-11-22' }),
    ) as Communication;
    expectValid(r);
    expect(r).toMatchObject({ resourceType: 'Communication', status: 'completed', sent: '2026-11-22', medium: [{ coding: [{ code: 'PHONE' }] }] });
    expect(r.about?.map((a) => a.identifier?.value)).toEqual(['5', '6']);
    expect(r.payload?.[0]?.contentString).toMatch(/\$40\.00/);
  });

  it('exception.approved / exception.denied: a Task recording the manager\'s decision, based on the request', () => {
    const decision = { decisionOf: 'write_off_request', recordId: 12, itemId: 5, mrn: 'M1', rule: 'approved_exception', amountCents: 4_500, entryId: 77, reason: 'Billing error at intake', decidedBy: 'Morgan Manager', decidedAt: AT, policyVersion: 2 };
    const approved = outboxToFhir(row('exception.approved', decision)) as Task;
    expectValid(approved);
    expect(approved).toMatchObject({ resourceType: 'Task', status: 'completed', intent: 'order', owner: { display: 'Morgan Manager' }, authoredOn: AT });
    expect(approved.identifier?.[1]).toEqual({ system: 'urn:front-desk:desk:exception-request', value: '12' });
    expect(approved.basedOn?.[0]?.identifier).toEqual({ system: 'urn:front-desk:desk:exception-request', value: '12' });
    expect(approved.reasonCode?.coding?.[0]?.code).toBe('approved_exception');
    expect(approved.input?.map((i) => i.type.coding?.[0]?.code)).toEqual(['amount', 'write-off-entry']);
    expect(approved.description).toMatch(/^Morgan Manager approved the write-off request: \$45\.00 written off/);

    const denied = outboxToFhir(row('exception.denied', { ...decision, decisionOf: 'bad_debt', rule: 'bad_debt', entryId: null }, 2)) as Task;
    expectValid(denied);
    expect(denied).toMatchObject({ status: 'rejected', intent: 'proposal', statusReason: { text: 'Billing error at intake' } });
    expect(denied.identifier?.[1]).toEqual({ system: 'urn:front-desk:desk:bad-debt-decision', value: '12' });
    expect(denied.basedOn).toBeUndefined();
    expect(denied.input?.map((i) => i.type.coding?.[0]?.code)).toEqual(['amount']);
  });
});

describe('outboxToFhir refuses what it cannot map', () => {
  it('an unknown kind, a payload that is not JSON, or one without the fields', () => {
    expect(() => outboxToFhir(row('item.teleported', {}))).toThrow(OutboxMappingError);
    expect(() => outboxToFhir({ ...row('payment.recorded', {}), payload: '{oops' })).toThrow(/not JSON/);
    expect(() => outboxToFhir(row('payment.recorded', { paymentId: 1 }))).toThrow(/amountCents/);
    expect(() => outboxToFhir(row('item.written_off', { entryId: 3, rule: 'because', amountCents: 2_000, policyVersion: 1, mrn: 'M1', itemId: 5, postedAt: AT }))).toThrow(/rule/);
    expect(() => outboxToFhir({ ...row('collection.attempted', {}), idempotency_key: '' })).toThrow(/idempotency key/);
  });

  it('accepts an already-parsed payload', () => {
    const r = outboxToFhir({ ...row('item.carried_forward', {}), payload: { mrn: 'M1', itemId: 5, openCents: 100, carriedOn: '2026-11-22', statementBy: '2027-01-01', policyVersion: 1 } });
    expect(r.resourceType).toBe('Task');
    expect(outboxIdentifier({ idempotency_key: 'abc:carry_forward' })).toEqual({ system: OUTBOX_SYSTEM, value: 'abc:carry_forward' });
  });
});

describe('the rows the ledger really writes', () => {
  let store: TempStore;
  beforeAll(() => {
    store = tempStore();
  });
  afterAll(() => store.cleanup());

  it('every kind the desk enqueues maps to a valid resource', () => {
    let n = 0;
    const run = (method: Parameters<typeof dispatch>[1], input: Record<string, unknown>) => {
      const result = dispatch(store.ctx, method, { idempotencyKey: `mapping-${++n}`, ...input });
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    };
    const a = addPatient(store.db, { items: [{ amountCents: 4_000 }, { amountCents: 900, category: 'copay', carc: '3' }] });
    run('recordPayment', { patientId: a.patientId, amountCents: 1_000, method: 'cash', itemIds: [a.itemIds[0]] });
    run('recordCollectionAttempt', { patientId: a.patientId, kind: 'statement', itemIds: [a.itemIds[0]] });
    run('requestWriteOff', { itemId: a.itemIds[1], reason: 'Hardship', documentationRef: 'scan-1' });
    const small = addPatient(store.db, { items: [{ amountCents: 1_500, billedOn: '2026-11-01' }] });
    run('carryForward', { itemId: small.itemIds[0] });
    const qmb = addPatient(store.db, { program: 'qmb', items: [{ amountCents: 2_000 }] });
    run('writeOff', { itemId: qmb.itemIds[0], rule: 'not_billable' });
    const paid = addPatient(store.db, { program: 'qmb', items: [{ amountCents: 3_000, category: 'deductible', carc: '1', paidCents: 3_000 }] });
    run('recordRefund', { itemId: paid.itemIds[0], method: 'check', reference: 'CHK 77' });
    const hardship = addPatient(store.db, { items: [{ amountCents: 5_000 }] });
    run('submitHardshipApplication', { patientId: hardship.patientId, householdSize: 3, annualIncomeCents: 2_800_000, documentsSeen: ['pay_stubs'] });
    const { id: applicationId } = store.db.prepare('SELECT max(id) AS id FROM hardship_applications').get() as { id: number };
    run('decideHardship', { applicationId, decision: 'approve', reason: 'Pay stubs seen' });
    run('publishPolicy', { document: { ...DEFAULT_POLICY, statementThresholdCents: 2_500 }, note: 'Raise the statement threshold', basedOnVersion: 1 });
    // A manager's decisions: approve one write-off request, deny another.
    const decided = addPatient(store.db, { items: [{ amountCents: 2_500 }, { amountCents: 3_500 }] });
    for (const [i, decision] of [[0, 'approve'], [1, 'deny']] as const) {
      run('requestWriteOff', { itemId: decided.itemIds[i], reason: 'Billing error at intake' });
      const { id: requestId } = store.db.prepare('SELECT max(id) AS id FROM exception_requests').get() as { id: number };
      run('decideRequest', { requestId, decision, reason: 'Checked the intake form' });
    }

    const rows = store.db.prepare('SELECT id, kind, idempotency_key, payload, created_at FROM outbox ORDER BY id').all() as OutboxRow[];
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(OUTBOX_KINDS));
    for (const r of rows) {
      const resource = outboxToFhir(r);
      expectValid(resource);
      expect((resource as { identifier?: { system?: string; value?: string }[] }).identifier?.[0]).toMatchObject({ system: OUTBOX_SYSTEM, value: r.idempotency_key });
    }
  });
});
