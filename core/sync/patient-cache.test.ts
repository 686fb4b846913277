import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchPatients } from '../patients/queries';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';
import type { ApplyContext } from './apply-claim';
import { applyClaim } from './apply-claim';
import { PatientCache } from './patient-cache';
import type { ImportedClaim } from './records';

let store: TempStore;
beforeEach(() => (store = tempStore()));
afterEach(() => store.cleanup());

describe('PatientCache', () => {
  it('remembers identifiers up to its bound, forgetting the oldest first', () => {
    const cache = new PatientCache(3);
    for (let i = 1; i <= 5; i++) cache.remember(i % 2 ? 'odd' : 'even', `v${i}`, i);
    expect(cache.size).toBe(3);
    expect([1, 2, 3, 4, 5].map((i) => cache.owner(i % 2 ? 'odd' : 'even', `v${i}`))).toEqual([undefined, undefined, 3, 4, 5]);
    cache.remember('odd', 'v3', 3); // already there: nothing is forgotten
    expect(cache.owner('odd', 'v3')).toBe(3);
    expect(cache.size).toBe(3);
  });

  it('forgets everything when another connection has written since it last looked, not after its own writes', () => {
    const cache = new PatientCache();
    cache.validate(store.db);
    cache.remember('s', 'v', 1);
    store.db.prepare("INSERT INTO practice_settings (key, value) VALUES ('own', 'write')").run();
    cache.validate(store.db);
    expect(cache.owner('s', 'v')).toBe(1);
    const other = new Database(store.file);
    other.prepare("INSERT INTO practice_settings (key, value) VALUES ('other', 'write')").run();
    other.close();
    cache.validate(store.db);
    expect(cache.owner('s', 'v')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe('matching patients with a cache', () => {
  const claim = (n: number, member: string, account: string): ImportedClaim => ({
    externalId: `cache:${n}`,
    patient: { identifiers: [{ system: 'x12:member-id:P', value: member }, { system: 'x12:patient-control-number', value: account }], familyName: `Doe${member}`, givenName: 'Pat', dob: null },
    coverage: null,
    claimNumber: `C${n}`,
    payerClaimNumber: null,
    status: 'paid',
    adjudicatedOn: '2026-10-01',
    lines: [{ lineNumber: 1, serviceDate: '2026-09-01', serviceCode: '99213', modifiers: null, units: 1, billedCents: 100, allowedCents: 100, payerPaidCents: 100, adjustments: [] }],
  });

  it("never takes an identifier another patient holds as this patient's, and still makes it searchable for both", () => {
    const patients = new PatientCache();
    const ctx: ApplyContext = { db: store.db, source: 'test', at: '2026-11-22T08:00:00.000Z', patients };
    const a = applyClaim(ctx, claim(1, 'M1', 'SHARED ACCOUNT'));
    const b = applyClaim(ctx, claim(2, 'M2', 'SHARED ACCOUNT'));
    const again = applyClaim(ctx, claim(3, 'M2', 'SHARED ACCOUNT'));
    expect(again.patientId).toBe(b.patientId);
    expect(patients.owner('x12:patient-control-number', 'SHARED ACCOUNT')).toBe(a.patientId);
    expect(patients.owner('x12:member-id:P', 'M2')).toBe(b.patientId);
    expect(store.db.prepare("SELECT patient_id FROM patient_identifiers WHERE value = 'SHARED ACCOUNT'").all()).toEqual([{ patient_id: a.patientId }]);
    expect(searchPatients(store.db, 'shared account').map((p) => p.id).sort()).toEqual([a.patientId, b.patientId].sort());
  });
});
