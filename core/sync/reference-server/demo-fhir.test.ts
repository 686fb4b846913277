/**
 * The demo practice as FHIR, read back by the desk's own FHIR mapper
 * (core/sync/fhir/map-resources.ts): what the reference server serves is what
 * the demo generator made, amount for amount.
 */
import { describe, expect, it } from 'vitest';
import { generatePatient } from '../../demo/patient-generator';
import type { DemoPatient } from '../../demo/patient-generator';
import { DemoRandom } from '../../demo/random';
import { mapResource } from '../fhir/map-resources';
import type { MapContext } from '../fhir/map-resources';
import { TEST_TODAY } from '../../testing/temp-db';
import { demoPatientResources, localWallTimeToInstant } from './demo-fhir';

const PATIENTS = 150;

function practice(): DemoPatient[] {
  const rng = new DemoRandom(11);
  return Array.from({ length: PATIENTS }, (_, i) => generatePatient(rng, i, TEST_TODAY));
}

const adjustments = (list: { group: string; carc: string; rarc: string | null; amountCents: number }[]) => list.map((a) => `${a.group}-${a.carc}-${a.rarc ?? ''}:${a.amountCents}`);

describe('demo patients as FHIR, read back by the desk’s mapper', () => {
  it('patients, coverages and payer-adjudicated claims come back exactly; self-pay lines as what the patient owes', () => {
    let payerClaims = 0;
    let selfPayClaims = 0;
    for (const p of practice()) {
      const r = demoPatientResources(p, TEST_TODAY);
      const byReference = new Map<string, unknown>([[`Patient/${r.patient.id}`, r.patient], ...r.coverages.map((c) => [`Coverage/${c.id}`, c] as [string, unknown])]);
      const ctx: MapContext = { base: 'http://127.0.0.1:8090/fhir/R4', resolve: (ref) => (byReference.get(ref) as ReturnType<MapContext['resolve']>) ?? null };

      const patient = mapResource(r.patient as never, ctx, 'patient');
      expect(patient).toMatchObject({ kind: 'patient', patient: { mrn: p.mrn, dob: p.dob, familyName: p.familyName, givenName: p.givenName, phone: p.phone } });
      r.coverages.forEach((c, k) => {
        const d = p.coverages[k]!;
        expect(mapResource(c as never, ctx, 'coverage')).toMatchObject({
          kind: 'patient',
          coverage: { program: d.program, payerName: d.payer, memberId: d.memberId, copayCents: d.copayCents, priority: d.priority },
        });
      });

      r.eobs.forEach((eob, k) => {
        const claim = p.claims[k]!;
        const record = mapResource(eob as never, ctx, 'eob');
        if (record.kind !== 'claim') throw new Error(`EOB ${eob.id} was rejected: ${JSON.stringify(record)}`);
        const got = record.claim;
        expect({ status: got.status, claimNumber: got.claimNumber, adjudicatedOn: got.adjudicatedOn }).toEqual({ status: claim.status, claimNumber: claim.claimNumber, adjudicatedOn: claim.adjudicatedOn });
        if (claim.status === 'self_pay') {
          selfPayClaims++;
          const owed = p.items.filter((i) => i.claim === k).map((i) => i.amountCents);
          expect(got.lines.map((l) => l.billedCents)).toEqual(owed);
          return;
        }
        payerClaims++;
        expect(
          got.lines.map((l) => ({ n: l.lineNumber, code: l.serviceCode, date: l.serviceDate, modifiers: l.modifiers, billed: l.billedCents, allowed: l.allowedCents, paid: l.payerPaidCents, adj: adjustments(l.adjustments) })),
        ).toEqual(
          claim.lines.map((l) => ({ n: l.lineNumber, code: l.serviceCode, date: claim.serviceDate, modifiers: l.modifiers, billed: l.billedCents, allowed: l.allowedCents, paid: l.payerPaidCents, adj: adjustments(l.adjustments) })),
        );
      });
    }
    expect(payerClaims).toBeGreaterThan(100);
    expect(selfPayClaims).toBeGreaterThan(0);
  });

  it('serves only today’s appointments, at the desk’s wall-clock time', () => {
    const p = practice().find((x) => x.appointments.some((a) => a.startsAt.startsWith(TEST_TODAY)) && x.appointments.some((a) => !a.startsAt.startsWith(TEST_TODAY)));
    expect(p).toBeDefined();
    const r = demoPatientResources(p!, TEST_TODAY);
    const today = p!.appointments.filter((a) => a.startsAt.startsWith(TEST_TODAY));
    expect(r.appointments.map((a) => a.start!.slice(0, 16))).toEqual(today.map((a) => a.startsAt));
    expect(r.appointments.map((a) => a.status)).toEqual(today.map((a) => a.status));
  });

  it('writes local wall time as an instant with this machine’s offset', () => {
    const instant = localWallTimeToInstant('2026-07-01T09:30');
    expect(instant).toMatch(/^2026-07-01T09:30:00[+-]\d{2}:\d{2}$/);
    expect(new Date(instant).getHours()).toBe(9);
  });
});
