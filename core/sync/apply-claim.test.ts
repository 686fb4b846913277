import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { getPatientBalance } from '../balances/patient-balance';
import { searchPatients } from '../patients/queries';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';
import type { ApplyContext } from './apply-claim';
import { applyClaim } from './apply-claim';
import type { ImportedClaim } from './records';

let store: TempStore;
let ctx: ApplyContext;
beforeEach(() => {
  store = tempStore();
  ctx = { db: store.db, source: 'test', at: '2026-11-22T08:00:00.000Z' };
});
afterEach(() => store.cleanup());

function claim(overrides: Partial<ImportedClaim> = {}, prCents = 3_000): ImportedClaim {
  return {
    externalId: '835:RUSHMORE:94060555410000',
    patient: { identifiers: [{ system: 'x12:member-id:RUSHMORE LIFE', value: '33344555510' }], familyName: 'BUDD', givenName: 'WILLIAM', dob: null },
    coverage: { payerName: 'RUSHMORE LIFE', program: 'commercial', memberId: '33344555510', priority: 1, copayCents: null, externalId: null },
    claimNumber: '5554555444',
    payerClaimNumber: '94060555410000',
    status: 'paid',
    adjudicatedOn: '2026-10-20',
    lines: [
      {
        lineNumber: 1,
        serviceDate: '2026-10-01',
        serviceCode: '99211',
        modifiers: null,
        units: 1,
        billedCents: 80_000,
        allowedCents: 50_000,
        payerPaidCents: 50_000 - prCents,
        adjustments: [
          { group: 'CO', carc: '45', rarc: null, amountCents: 30_000 },
          { group: 'PR', carc: '1', rarc: null, amountCents: prCents },
        ],
      },
    ],
    ...overrides,
  };
}

const count = (table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('applyClaim', () => {
  it('stores a claim: the patient (no date of birth), coverage, lines, adjustments and a charged item per PR amount', () => {
    const result = applyClaim(ctx, claim());
    expect(result.outcome).toBe('created');
    const balance = getPatientBalance(store.db, store.ctx.clock, result.patientId);
    expect(balance.patient).toMatchObject({ name: 'BUDD, WILLIAM', dob: null });
    expect(balance.coverages).toMatchObject([{ payer: 'RUSHMORE LIFE', program: 'commercial', memberId: '33344555510' }]);
    expect(balance.items).toMatchObject([{ category: 'deductible', group: 'PR', carc: '1', amountCents: 3_000, openCents: 3_000 }]);
    expect(count('claim_adjustments')).toBe(2);
  });

  it('makes patients from files searchable by name and by the identifiers the file carries', () => {
    const { patientId } = applyClaim(ctx, claim());
    for (const query of ['budd', 'william budd', '33344555510']) expect(searchPatients(store.db, query).map((p) => p.id), query).toEqual([patientId]);
  });

  it('writes nothing for an identifier it finds stored (its value is searchable already)', () => {
    const first = applyClaim(ctx, claim());
    const rows = () => ['patient_identifiers', 'patient_search_terms'].map(count);
    const before = rows();
    const writes = store.db.prepare('SELECT total_changes()').pluck();
    const changesBefore = writes.get() as number;
    const second = applyClaim(ctx, claim({ externalId: 'other-2', lines: [] }));
    expect(second.patientId).toBe(first.patientId);
    expect(rows()).toEqual(before);
    expect((writes.get() as number) - changesBefore).toBe(1); // the claim row, nothing for the patient
  });

  it('changes nothing when the same claim arrives again', () => {
    applyClaim(ctx, claim());
    const before = ['patients', 'claims', 'claim_lines', 'claim_adjustments', 'patient_items', 'ledger_entries'].map(count);
    expect(applyClaim(ctx, claim()).outcome).toBe('unchanged');
    expect(['patients', 'claims', 'claim_lines', 'claim_adjustments', 'patient_items', 'ledger_entries'].map(count)).toEqual(before);
  });

  it('matches patients by identifier, member ID, or name and date of birth — never by name alone', () => {
    const first = applyClaim(ctx, claim());
    const sameMember = applyClaim(ctx, claim({ externalId: 'other-1', patient: { identifiers: [], familyName: 'Budd', givenName: 'Bill', dob: null } }));
    expect(sameMember.patientId).toBe(first.patientId);
    const nameOnly = applyClaim(ctx, claim({ externalId: 'other-2', coverage: null, patient: { identifiers: [], familyName: 'BUDD', givenName: 'WILLIAM', dob: null } }));
    expect(nameOnly.patientId).not.toBe(first.patientId);
    const withDob = { identifiers: [], familyName: 'Settle', givenName: 'Susan', dob: '1970-02-03' };
    const a = applyClaim(ctx, claim({ externalId: 'other-3', coverage: null, patient: withDob }));
    const b = applyClaim(ctx, claim({ externalId: 'other-4', coverage: null, patient: { ...withDob, familyName: 'SETTLE', givenName: 'SUSAN' } }));
    expect(b.patientId).toBe(a.patientId);
  });

  it('applies a changed amount through a ledger adjustment when the desk had not acted', () => {
    const { patientId } = applyClaim(ctx, claim());
    const result = applyClaim(ctx, claim({}, 2_000));
    expect(result).toMatchObject({ outcome: 'updated', conflicts: 0 });
    const balance = getPatientBalance(store.db, store.ctx.clock, patientId);
    expect(balance.items).toMatchObject([{ amountCents: 2_000, openCents: 2_000 }]);
    expect(count('sync_conflicts')).toBe(0);
  });

  it('flags an item for review with both amounts when it changed after a desk decision', () => {
    const { patientId } = applyClaim(ctx, claim({}, 1_500));
    const itemId = getPatientBalance(store.db, store.ctx.clock, patientId).items[0]!.id;
    expect(dispatch(store.ctx, 'carryForward', { itemId, idempotencyKey: 'carry-before-sync' }).ok).toBe(true);
    const result = applyClaim(ctx, claim({}, 4_500));
    expect(result.conflicts).toBe(1);
    expect(store.db.prepare('SELECT local_action, previous_amount_cents, new_amount_cents FROM sync_conflicts').get()).toEqual({ local_action: 'carry_forward', previous_amount_cents: 1_500, new_amount_cents: 4_500 });
    const item = getPatientBalance(store.db, store.ctx.clock, patientId).items[0]!;
    expect(item.verdict.requiredAction).toBe('review');
    expect(item.verdict.allowedActions).not.toContain('carry_forward');
    expect(dispatch(store.ctx, 'recordPayment', { patientId, amountCents: 100, method: 'cash', itemIds: [itemId], idempotencyKey: 'pay-after-conflict' })).toMatchObject({ ok: true });
  });

  it('zeroes an item whose patient amount the main system no longer reports', () => {
    const { patientId } = applyClaim(ctx, claim());
    const without = claim();
    without.lines[0]!.adjustments = without.lines[0]!.adjustments.filter((a) => a.group !== 'PR');
    applyClaim(ctx, without);
    expect(getPatientBalance(store.db, store.ctx.clock, patientId).items).toEqual([]);
  });

  it('creates no patient items for a reversal', () => {
    applyClaim(ctx, claim({ externalId: 'rev-1:reversal', status: 'reversed' }, -3_000));
    expect(count('patient_items')).toBe(0);
  });
});

describe('patient control numbers', () => {
  it('are searchable but never merge two people who share an account number', () => {
    const pcn = { system: 'x12:patient-control-number', value: 'PATIENT ACCOUNT NUMBER' };
    const a = applyClaim(ctx, claim({ externalId: 'pcn-1', coverage: null, patient: { identifiers: [pcn, { system: 'x12:member-id:P', value: 'LL99999L' }], familyName: 'Doe', givenName: 'Ann', dob: null } }));
    const b = applyClaim(ctx, claim({ externalId: 'pcn-2', coverage: null, patient: { identifiers: [pcn, { system: 'x12:member-id:P', value: 'LL88888L' }], familyName: 'Doe', givenName: 'Bob', dob: null } }));
    expect(b.patientId).not.toBe(a.patientId);
    expect(searchPatients(store.db, 'patient account').map((p) => p.id)).toEqual(expect.arrayContaining([a.patientId, b.patientId]));
  });
});

describe('coverage and patient details from different records', () => {
  it("never lets a claim's guess change a coverage's program (a QMB coverage stays QMB)", async () => {
    const { applyPatient } = await import('./apply-claim');
    const patient = { identifiers: [{ system: 'fhir:Patient', value: '567834' }], familyName: 'Doe', givenName: 'Jan', dob: '1940-01-01' };
    applyPatient(ctx, patient, { payerName: 'Medicare', program: 'qmb', memberId: 'MBI1', priority: 1, copayCents: 0, externalId: 'fhir:Coverage/9' });
    const guessed = claim({ externalId: 'fhir:ExplanationOfBenefit/1', patient, coverage: { payerName: 'Medicare', program: 'medicare', memberId: 'MBI1', priority: 1, copayCents: null, externalId: 'fhir:Coverage/9' } });
    const { patientId } = applyClaim(ctx, guessed);
    expect(store.db.prepare('SELECT program FROM coverages').all()).toEqual([{ program: 'qmb' }]);
    expect(getPatientBalance(store.db, store.ctx.clock, patientId).items[0]!.verdict.collectible).toBe(false);
  });

  it('fills in the names of a patient first known only by an identifier', async () => {
    const { applyPatient } = await import('./apply-claim');
    const byId = { identifiers: [{ system: 'fhir:Patient', value: 'p-1' }], familyName: '', givenName: '', dob: null };
    const { patientId } = applyClaim(ctx, claim({ externalId: 'eob-x', coverage: null, patient: byId }));
    expect(searchPatients(store.db, 'unknown').map((p) => p.id)).toContain(patientId);
    applyPatient(ctx, { ...byId, familyName: 'Castillo', givenName: 'Rosa', dob: '1955-05-05' }, null);
    expect(searchPatients(store.db, 'rosa castillo 1955-05-05').map((p) => p.id)).toEqual([patientId]);
  });
});
