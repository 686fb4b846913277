import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hardshipAccess } from '../../shared/api/hardship';
import { ApiError } from '../../shared/errors';
import { DEFAULT_POLICY } from '../../shared/policy/document';
import { slidingScale } from '../../shared/policy/hardship';
import type { CoreContext } from '../api/context';
import { call } from '../api/dispatch';
import { verifyStore } from '../audit/verify';
import { fixedClock } from '../clock';
import { exportOutboxCsv } from '../sync/csv/export-outbox';
import { outboxToFhir } from '../sync/fhir-client/outbox-mapping';
import type { OutboxRow } from '../sync/fhir-client/outbox-mapping';
import { addPatient } from '../testing/fixtures';
import type { TempStore } from '../testing/temp-db';
import { TEST_TODAY, tempStore } from '../testing/temp-db';
import { pendingHardshipApplications } from './pending';

/** A household of 3 under the default policy: $15,650 + 2 × $5,500 = $26,650 (cents divisible by 100, so band edges are exact). */
const SIZE = 3;
const GUIDELINE = DEFAULT_POLICY.hardship.povertyGuideline.firstPersonCents + 2 * DEFAULT_POLICY.hardship.povertyGuideline.additionalPersonCents;
const incomeAt = (percent: number) => (GUIDELINE * percent) / 100;

let store: TempStore;
let keys = 0;
const key = () => `hardship-test-${++keys}`;

beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.cleanup());

/** The store's context on another day (the desk's local time). */
const on = (date: string): CoreContext => ({ ...store.ctx, clock: fixedClock(`${date}T10:00:00`) });

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function submit(patientId: number, overrides: Record<string, unknown> = {}, ctx = store.ctx) {
  return call(ctx, 'submitHardshipApplication', { patientId, householdSize: SIZE, annualIncomeCents: incomeAt(120), documentsSeen: ['pay_stubs', 'tax_return'], idempotencyKey: key(), ...overrides });
}

function decide(applicationId: number, decision: 'approve' | 'deny', ctx = store.ctx, reason = 'Pay stubs and tax return seen') {
  return call(ctx, 'decideHardship', { applicationId, decision, reason, idempotencyKey: key() });
}

const count = (table: string, where = '1') => (store.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;

describe('sliding scale at the edges of the policy’s bands', () => {
  const bands = DEFAULT_POLICY.hardship.slidingScale;
  for (const [i, band] of bands.entries()) {
    const [edge, atEdge, above] = [band.upToPercentOfGuideline, band.discountPercent, bands[i + 1]?.discountPercent ?? 0];
    it(`at ${edge} percent of the guideline: ${atEdge} percent off; one percent more: ${above} percent off`, () => {
      expect(slidingScale(DEFAULT_POLICY.hardship, { householdSize: SIZE, annualIncomeCents: incomeAt(edge) })).toMatchObject({ percentOfGuideline: edge, discountPercent: atEdge, bandUpToPercent: edge });
      expect(slidingScale(DEFAULT_POLICY.hardship, { householdSize: SIZE, annualIncomeCents: incomeAt(edge + 1) })).toMatchObject({ percentOfGuideline: edge + 1, discountPercent: above });
      // Rounded down to a whole percent: a cent under the next percent is still in the band.
      expect(slidingScale(DEFAULT_POLICY.hardship, { householdSize: SIZE, annualIncomeCents: incomeAt(edge + 1) - 1 }).discountPercent).toBe(atEdge);
    });
  }

  it('no income is the first band; above every band is no discount', () => {
    expect(slidingScale(DEFAULT_POLICY.hardship, { householdSize: 1, annualIncomeCents: 0 })).toMatchObject({ percentOfGuideline: 0, discountPercent: 100 });
    expect(slidingScale(DEFAULT_POLICY.hardship, { householdSize: SIZE, annualIncomeCents: incomeAt(251) })).toMatchObject({ discountPercent: 0, bandUpToPercent: null });
  });

  it('previewHardship explains it in plain words with the clause and the policy version', () => {
    const preview = call(store.ctx, 'previewHardship', { householdSize: SIZE, annualIncomeCents: 2_800_000 });
    expect(preview).toMatchObject({ guidelineCents: GUIDELINE, guidelineYear: 2025, percentOfGuideline: 105, discountPercent: 75, bandUpToPercent: 150, policyVersion: 1, blockedBy: null });
    expect(preview.explanation.clause).toBe('5.1 Financial hardship: documented, sliding scale, manager approval');
    expect(preview.explanation.text).toContain('$28,000.00 a year is 105% of the 2025 federal poverty guideline for a household of 3 people ($26,650.00)');
    expect(preview.explanation.text).toContain('75% off for incomes up to 150% of the guideline');
    expect(preview.explanation.text).toContain('Policy version 1');
    expect(call(store.ctx, 'previewHardship', { householdSize: 1, annualIncomeCents: 10_000_000 }).explanation.text).toContain('above every band');
  });

  it('refuses impossible input in words, never crashes', () => {
    for (const input of [{ householdSize: 0, annualIncomeCents: 1 }, { householdSize: 2.5, annualIncomeCents: 1 }, { householdSize: 2, annualIncomeCents: -1 }, { householdSize: 2, annualIncomeCents: 10.5 }, { householdSize: 2 }]) {
      expect(refusal(() => call(store.ctx, 'previewHardship', input)).code).toBe('invalid_input');
    }
    expect(refusal(() => call(store.ctx, 'previewHardship', { patientId: 999_999, householdSize: 2, annualIncomeCents: 1 })).code).toBe('not_found');
  });
});

describe('submitting an application', () => {
  it('records it pending with the computed result, an audit record and an outbox message; a retry changes nothing', () => {
    const { patientId } = addPatient(store.db, { items: [{ amountCents: 10_000 }] });
    const input = { patientId, householdSize: SIZE, annualIncomeCents: 2_800_000, documentsSeen: ['tax_return', 'pay_stubs', 'pay_stubs'], note: 'Lost job in October', idempotencyKey: 'hardship-submit-1' };
    const view = call(store.ctx, 'submitHardshipApplication', input);
    expect(view).toMatchObject({
      patientId,
      status: 'pending',
      state: 'pending',
      householdSize: SIZE,
      annualIncomeCents: 2_800_000,
      documentsSeen: ['tax_return', 'pay_stubs'],
      note: 'Lost job in October',
      submittedBy: 'test-desk',
      result: { percentOfGuideline: 105, discountPercent: 75, policyVersion: 1 },
      decidedBy: null,
      expiresOn: null,
    });
    expect(call(store.ctx, 'submitHardshipApplication', input)).toEqual(view);
    expect(count('hardship_applications')).toBe(1);
    expect(count('hardship_application_documents')).toBe(2);
    expect(count('audit_log', "action = 'hardship.submitted'")).toBe(1);
    const outbox = store.db.prepare("SELECT payload FROM outbox WHERE kind = 'hardship.submitted'").all() as { payload: string }[];
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ applicationId: view.id, householdSize: SIZE, annualIncomeCents: 2_800_000, discountPercent: 75, documentsSeen: ['tax_return', 'pay_stubs'] });
    expect(verifyStore(store.db).broken).toBeNull();
  });

  it('refuses a second pending application for the same patient, and says so', () => {
    const { patientId } = addPatient(store.db, { items: [{ amountCents: 10_000 }] });
    submit(patientId);
    const refused = refusal(() => submit(patientId, { householdSize: 4 }));
    expect(refused.code).toBe('refused');
    expect(refused.message).toMatch(/already waiting for a manager \(submitted 2026-11-22 by test-desk\)/);
    expect(call(store.ctx, 'previewHardship', { patientId, householdSize: 4, annualIncomeCents: 1 }).blockedBy).toBe(refused.message);
    expect(count('hardship_applications')).toBe(1);
    // Another patient is not affected.
    expect(submit(addPatient(store.db, { items: [] }).patientId).status).toBe('pending');
  });

  it('needs documents (policy 5.1), a known patient and sane numbers', () => {
    const { patientId } = addPatient(store.db, { items: [] });
    const noDocuments = refusal(() => submit(patientId, { documentsSeen: [] }));
    expect(noDocuments.code).toBe('invalid_input');
    expect(noDocuments.message).toContain('policy 5.1 requires documented income');
    expect(refusal(() => submit(patientId, { documentsSeen: ['passport'] })).code).toBe('invalid_input');
    expect(refusal(() => submit(patientId, { householdSize: 0 })).code).toBe('invalid_input');
    expect(refusal(() => submit(patientId, { annualIncomeCents: 12.5 })).code).toBe('invalid_input');
    expect(refusal(() => submit(999_999)).code).toBe('not_found');
    expect(count('hardship_applications')).toBe(0);
  });

  it('the database holds the rules too: one pending per patient, documents from the list', () => {
    const { patientId } = addPatient(store.db, { items: [] });
    const view = submit(patientId);
    const insert = () =>
      store.db
        .prepare("INSERT INTO hardship_applications (patient_id, household_size, annual_income_cents, submitted_by, submitted_at, guideline_year, guideline_cents, percent_of_guideline, discount_percent, policy_version) VALUES (?, 1, 0, 'x', 'now', 2025, 1, 0, 100, 1)")
        .run(patientId);
    expect(insert).toThrow(/UNIQUE/);
    expect(() => store.db.prepare("INSERT INTO hardship_application_documents (application_id, document) VALUES (?, 'passport')").run(view.id)).toThrow(/CHECK/);
    expect(() => store.db.prepare("UPDATE hardship_applications SET status = 'approved' WHERE id = ?").run(view.id)).toThrow(/CHECK/);
  });
});

describe('a manager’s decision', () => {
  it('approval: valid until today + the policy’s validity, audited, in the outbox; a retry changes nothing; a second decision is refused', () => {
    const { patientId } = addPatient(store.db, { items: [{ amountCents: 10_000 }] });
    const application = submit(patientId);
    const input = { applicationId: application.id, decision: 'approve', reason: 'Tax return seen', idempotencyKey: 'hardship-decide-1' };
    const decided = call(store.ctx, 'decideHardship', input);
    expect(decided).toMatchObject({ status: 'approved', state: 'active', decidedBy: 'test-desk', decisionReason: 'Tax return seen', expiresOn: '2027-11-22', result: { discountPercent: 75 } });
    expect(call(store.ctx, 'decideHardship', input)).toEqual(decided);
    expect(count('audit_log', "action = 'hardship.approved'")).toBe(1);
    const outbox = store.db.prepare("SELECT id, kind, idempotency_key, payload, created_at FROM outbox WHERE kind = 'hardship.decided'").all() as OutboxRow[];
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]!.payload as string)).toMatchObject({ decision: 'approved', discountPercent: 75, expiresOn: '2027-11-22' });
    expect(outboxToFhir(outbox[0]!)).toMatchObject({ resourceType: 'Task', intent: 'order', status: 'requested', restriction: { period: { end: '2027-11-22' } } });

    const again = refusal(() => decide(application.id, 'deny'));
    expect(again.code).toBe('refused');
    expect(again.message).toBe('This application was already approved by test-desk on 2026-11-22.');
    expect(verifyStore(store.db).broken).toBeNull();
  });

  it('denial: needs a reason of 5 characters; no expiry; the patient may apply again', () => {
    const { patientId } = addPatient(store.db, { items: [] });
    const application = submit(patientId);
    expect(refusal(() => decide(application.id, 'deny', store.ctx, 'no')).code).toBe('invalid_input');
    expect(refusal(() => decide(application.id, 'deny', store.ctx, '    ok   ')).code).toBe('invalid_input');
    const denied = decide(application.id, 'deny', store.ctx, 'Documents do not show the income');
    expect(denied).toMatchObject({ status: 'denied', state: 'denied', expiresOn: null, decisionReason: 'Documents do not show the income' });
    const outbox = store.db.prepare("SELECT id, kind, idempotency_key, payload, created_at FROM outbox WHERE kind = 'hardship.decided'").get() as OutboxRow;
    expect(outboxToFhir(outbox)).toMatchObject({ intent: 'proposal', status: 'rejected', statusReason: { text: 'Documents do not show the income' } });
    expect(submit(patientId).status).toBe('pending');
  });

  it('refuses to approve what the sliding scale gives nothing for, naming the clause', () => {
    const { patientId } = addPatient(store.db, { items: [] });
    const application = submit(patientId, { annualIncomeCents: incomeAt(300) });
    expect(call(store.ctx, 'getHardshipApplication', { applicationId: application.id }).approveBlockedBy).toMatch(/policy 5\.1.*nothing to approve/);
    const refused = refusal(() => decide(application.id, 'approve'));
    expect(refused.code).toBe('refused');
    expect(refused.message).toMatch(/300% of the poverty guideline, gives no discount/);
    expect(decide(application.id, 'deny').status).toBe('denied');
    expect(refusal(() => decide(999_999, 'approve')).code).toBe('not_found');
  });

  it('decides under the policy in force: a policy change since the desk submitted is shown, and used', () => {
    const { patientId } = addPatient(store.db, { items: [] });
    const application = submit(patientId, { annualIncomeCents: incomeAt(120) });
    expect(call(store.ctx, 'getHardshipApplication', { applicationId: application.id })).toMatchObject({ currentResult: null, expiresOnIfApprovedToday: '2027-11-22', patient: { id: patientId } });
    const stricter = { ...DEFAULT_POLICY, hardship: { ...DEFAULT_POLICY.hardship, validForDays: 180, slidingScale: [{ upToPercentOfGuideline: 150, discountPercent: 40 }] } };
    store.db.prepare("INSERT INTO policy_versions (version, document, published_at, published_by) VALUES (2, ?, '2026-11-22T12:00:00Z', 'test')").run(JSON.stringify(stricter));
    const detail = call(store.ctx, 'getHardshipApplication', { applicationId: application.id });
    expect(detail.result).toMatchObject({ discountPercent: 75, policyVersion: 1 });
    expect(detail.currentResult).toMatchObject({ discountPercent: 40, policyVersion: 2 });
    expect(detail.expiresOnIfApprovedToday).toBe('2027-05-21');
    expect(decide(application.id, 'approve')).toMatchObject({ result: { discountPercent: 40, policyVersion: 2 }, expiresOn: '2027-05-21' });
    const audit = store.db.prepare("SELECT detail FROM audit_log WHERE action = 'hardship.approved'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ submittedUnder: { discountPercent: 75, policyVersion: 1 } });
  });

  it('is a manager action; the desk may preview, submit and read', () => {
    const expected: Record<string, string> = { previewHardship: 'staff', submitHardshipApplication: 'staff', getPatientHardship: 'staff', decideHardship: 'manager', getHardshipApplication: 'manager' };
    expect(hardshipAccess).toEqual(expected);
  });
});

describe('the determination in force: the balance, expiry and the pending queue', () => {
  /** A patient owing $100 of coinsurance (collectible: no write-off without hardship or a manager). */
  function owingPatient() {
    const patient = addPatient(store.db, { items: [{ amountCents: 10_000 }] });
    return { ...patient, itemId: patient.itemIds[0]! };
  }
  const hardshipOption = (ctx: CoreContext, patientId: number) => call(ctx, 'getPatientBalance', { patientId }).items[0]!.verdict.writeOffs.find((w) => w.rule === 'hardship');

  it('the balance offers the hardship write-off only while an approval is in force', () => {
    const { patientId, itemId } = owingPatient();
    expect(hardshipOption(store.ctx, patientId)).toBeUndefined();
    const application = submit(patientId);
    expect(hardshipOption(store.ctx, patientId)).toBeUndefined(); // pending is not approved
    const approved = decide(application.id, 'approve');
    expect(approved.expiresOn).toBe('2027-11-22');

    expect(hardshipOption(store.ctx, patientId)).toEqual({ rule: 'hardship', maxCents: 7_500, needsApproval: false });
    const reasons = call(store.ctx, 'getPatientBalance', { patientId }).items[0]!.verdict.reasons.map((r) => r.clause);
    expect(reasons).toContain('5.1 Financial hardship: documented, sliding scale, manager approval');
    expect(hardshipOption(on('2027-11-21'), patientId)?.maxCents).toBe(7_500); // the last day it applies
    expect(hardshipOption(on('2027-11-22'), patientId)).toBeUndefined(); // expired

    // The write itself is checked against the same determination.
    expect(refusal(() => call(on('2027-11-22'), 'writeOff', { itemId, rule: 'hardship', idempotencyKey: key() })).code).toBe('refused');
    const { result, balance } = call(store.ctx, 'writeOff', { itemId, rule: 'hardship', idempotencyKey: key() });
    expect(result).toMatchObject({ rule: 'hardship', amountCents: 7_500 });
    expect(balance.items[0]!.openCents).toBe(2_500);
  });

  it('a denied application gives nothing', () => {
    const { patientId } = owingPatient();
    decide(submit(patientId).id, 'deny');
    expect(hardshipOption(store.ctx, patientId)).toBeUndefined();
  });

  it('getPatientHardship: the pending one, the active one with its expiry, then “expired, a new application is needed”', () => {
    const { patientId } = owingPatient();
    expect(call(store.ctx, 'getPatientHardship', { patientId })).toMatchObject({ active: null, pending: null, lastExpired: null, history: [], validForDays: 365 });
    const application = submit(patientId);
    expect(call(store.ctx, 'getPatientHardship', { patientId })).toMatchObject({ active: null, pending: { id: application.id, state: 'pending' } });
    decide(application.id, 'approve');
    expect(call(store.ctx, 'getPatientHardship', { patientId })).toMatchObject({ active: { id: application.id, expiresOn: '2027-11-22', state: 'active' }, pending: null, lastExpired: null });

    const later = call(on('2027-11-22'), 'getPatientHardship', { patientId });
    expect(later).toMatchObject({ active: null, lastExpired: { id: application.id, state: 'expired', expiresOn: '2027-11-22' } });
    expect(later.validity.clause).toBe('5.2 An approved hardship determination is reused until it expires');
    expect(later.validity.text).toContain('a new application is needed');

    // A new application after expiry, approved: it is the one in force, with a new expiry.
    const renewal = submit(patientId, { annualIncomeCents: incomeAt(180) }, on('2027-12-01'));
    decide(renewal.id, 'approve', on('2027-12-02'));
    const renewed = call(on('2027-12-02'), 'getPatientHardship', { patientId });
    expect(renewed).toMatchObject({ active: { id: renewal.id, expiresOn: '2028-12-01', result: { discountPercent: 50 } }, lastExpired: null });
    expect(renewed.history.map((a) => a.id)).toEqual([renewal.id, application.id]);
    expect(hardshipOption(on('2027-12-02'), patientId)?.maxCents).toBe(5_000);
    expect(refusal(() => call(store.ctx, 'getPatientHardship', { patientId: 999_999 })).code).toBe('not_found');
  });

  it('pendingHardshipApplications lists what waits, oldest first, in one line each', () => {
    const first = addPatient(store.db, { items: [] });
    const second = addPatient(store.db, { items: [] });
    const a = submit(first.patientId, { annualIncomeCents: 2_800_000 });
    const b = submit(second.patientId, { householdSize: 1, annualIncomeCents: 10_000_000 }, { ...store.ctx, clock: fixedClock(`${TEST_TODAY}T15:00:00`) });
    expect(pendingHardshipApplications(store.db)).toEqual([
      { applicationId: a.id, patientId: first.patientId, submittedAt: a.submittedAt, detail: 'Household of 3 people, $28,000 a year (105% of the poverty guideline): 75% off under the sliding scale. Submitted by test-desk.' },
      { applicationId: b.id, patientId: second.patientId, submittedAt: b.submittedAt, detail: 'Household of 1 person, $100,000 a year (638% of the poverty guideline): no discount under the sliding scale. Submitted by test-desk.' },
    ]);
    decide(a.id, 'approve');
    expect(pendingHardshipApplications(store.db).map((p) => p.applicationId)).toEqual([b.id]);
  });

  it('the outbox CSV carries hardship rows with the MRN, the manager’s reason and the policy version', () => {
    const { patientId } = addPatient(store.db, { mrn: 'HS0001', items: [] });
    decide(submit(patientId).id, 'approve', store.ctx, 'Benefits letter seen');
    const file = join(store.dir, 'outbox.csv');
    expect(exportOutboxCsv(store.db, file, '2026-11-22T15:00:00.000Z')).toBe(2);
    const rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.kind, r.mrn, r.reason, r.policy_version])).toEqual([
      ['hardship.submitted', 'HS0001', '', '1'],
      ['hardship.decided', 'HS0001', 'Benefits letter seen', '1'],
    ]);
    expect(JSON.parse(rows[1]!.payload_json!)).toMatchObject({ decision: 'approved', expiresOn: '2027-11-22' });
  });
});
