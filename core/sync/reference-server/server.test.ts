/**
 * The reference main system over plain HTTP (no desk client): what it seeds,
 * how it pages, conditional create, and faults armed over /__faults.
 */
import { validateResource } from '@medplum/core';
import type { Bundle, ExplanationOfBenefit, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePatient } from '../../demo/patient-generator';
import { DemoRandom } from '../../demo/random';
import { TEST_TODAY } from '../../testing/temp-db';
import { ADJUSTMENT_GROUP_EXTENSION, C4BB_ADJUDICATION, CLAIM_SYSTEM, HL7_ADJUDICATION, MAIN_SYSTEM_PATIENT, MRN_SYSTEM } from './demo-fhir';
import type { ReferenceServer } from './server';
import { MAX_PAGE_SIZE, startReferenceServer } from './server';

const PATIENTS = 40;
let server: ReferenceServer;

beforeAll(async () => {
  server = await startReferenceServer({ patients: PATIENTS, seed: 7, today: TEST_TODAY, port: 0 });
});
afterAll(() => server?.close());

async function get(path: string): Promise<{ status: number; body: Resource; headers: Headers }> {
  const response = await fetch(path.startsWith('http') ? path : `${server.baseUrl}/${path}`);
  return { status: response.status, body: (await response.json()) as Resource, headers: response.headers };
}

async function post(type: string, resource: object, headers: Record<string, string> = {}): Promise<{ status: number; body: Resource }> {
  const response = await fetch(`${server.baseUrl}/${type}`, { method: 'POST', headers: { 'content-type': 'application/fhir+json', ...headers }, body: JSON.stringify(resource) });
  return { status: response.status, body: (await response.json()) as Resource };
}

/** Follows next links; bounded. */
async function all(first: string): Promise<Resource[]> {
  const found: Resource[] = [];
  let url: string | undefined = first;
  for (let pages = 0; url && pages < 1_000; pages++) {
    const { body } = await get(url);
    const bundle = body as Bundle;
    for (const entry of bundle.entry ?? []) found.push(entry.resource!);
    url = bundle.link?.find((l) => l.relation === 'next')?.url;
  }
  return found;
}

describe('seeding', () => {
  it('serves the demo generator’s patients, with their coverages, claims and today’s appointments', () => {
    const rng = new DemoRandom(7);
    const patients = Array.from({ length: PATIENTS }, (_, i) => generatePatient(rng, i, TEST_TODAY));
    expect(server.seeded.resources).toEqual({
      Patient: PATIENTS,
      Coverage: patients.reduce((s, p) => s + p.coverages.length, 0),
      Appointment: patients.reduce((s, p) => s + p.appointments.filter((a) => a.startsAt.startsWith(TEST_TODAY)).length, 0),
      ExplanationOfBenefit: patients.reduce((s, p) => s + p.claims.length, 0),
    });
    expect(server.repository.countOf('ExplanationOfBenefit')).toBe(server.seeded.resources.ExplanationOfBenefit);
  });

  it('every seeded resource is valid R4, and no two share a lastUpdated', async () => {
    const stamps = new Set<string>();
    let n = 0;
    for (const type of ['Patient', 'Coverage', 'Appointment', 'ExplanationOfBenefit'] as const) {
      for (const resource of await server.repository.searchResources({ resourceType: type })) {
        expect(() => validateResource(resource)).not.toThrow();
        stamps.add(resource.meta!.lastUpdated!);
        n++;
      }
    }
    expect(stamps.size).toBe(n);
    expect([...stamps].every((s) => Date.parse(s) < Date.now())).toBe(true);
  });

  it('patients carry the main-system ID and the MRN', async () => {
    const { body } = await get('Patient/PM-00000001');
    expect(body).toMatchObject({
      resourceType: 'Patient',
      identifier: [{ system: MAIN_SYSTEM_PATIENT, value: 'PM-00000001' }, { system: MRN_SYSTEM, value: 'M0000001', type: { coding: [{ code: 'MR' }] } }],
    });
  });

  it('EOB adjudication adds up: allowed = paid + withheld, billed - allowed = CO-45, member liability = PR', async () => {
    const eobs = (await server.repository.searchResources({ resourceType: 'ExplanationOfBenefit' })) as ExplanationOfBenefit[];
    expect(eobs.length).toBeGreaterThan(0);
    const cents = (v: number | undefined) => Math.round((v ?? 0) * 100);
    for (const eob of eobs) {
      expect(eob.identifier?.[0]?.system).toBe(CLAIM_SYSTEM);
      for (const item of eob.item ?? []) {
        const amount = (system: string, code: string) => item.adjudication?.find((a) => a.category.coding?.[0]?.system === system && a.category.coding[0].code === code)?.amount?.value;
        const adjustments = (item.adjudication ?? []).filter((a) => a.reason);
        const group = (a: (typeof adjustments)[number]) => a.extension?.find((e) => e.url === ADJUSTMENT_GROUP_EXTENSION)?.valueCode;
        const carc = (a: (typeof adjustments)[number]) => a.reason?.coding?.[0]?.code;
        const submitted = cents(amount(HL7_ADJUDICATION, 'submitted'));
        const liability = cents(amount(C4BB_ADJUDICATION, 'memberliability'));
        const eligible = amount(HL7_ADJUDICATION, 'eligible');
        if (eligible === undefined) {
          expect(adjustments).toEqual([]); // self-pay: billed at the self-pay rate
          expect(liability).toBeGreaterThan(0);
          continue;
        }
        const contractual = adjustments.filter((a) => group(a) === 'CO' && carc(a) === '45').reduce((s, a) => s + cents(a.amount?.value), 0);
        const withheld = adjustments.filter((a) => !(group(a) === 'CO' && carc(a) === '45')).reduce((s, a) => s + cents(a.amount?.value), 0);
        expect(submitted - cents(eligible)).toBe(contractual);
        expect(cents(eligible)).toBe(cents(amount(HL7_ADJUDICATION, 'benefit')) + withheld);
        expect(liability).toBe(adjustments.filter((a) => group(a) === 'PR').reduce((s, a) => s + cents(a.amount?.value), 0));
      }
    }
  });
});

describe('paging', () => {
  it('links pages with absolute next URLs on the same host and port until every patient is served once', async () => {
    const first = await get('Patient?_sort=_lastUpdated&_count=7');
    const bundle = first.body as Bundle;
    expect(bundle.entry).toHaveLength(7);
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    expect(next?.startsWith(`${server.baseUrl}/Patient?_lastUpdated=gt`)).toBe(true);
    expect(bundle.entry?.[0]?.fullUrl).toBe(`${server.baseUrl}/Patient/${bundle.entry?.[0]?.resource?.id}`);
    const patients = await all('Patient?_sort=_lastUpdated&_count=7');
    expect(patients).toHaveLength(PATIENTS);
    expect(new Set(patients.map((p) => p.id)).size).toBe(PATIENTS);
    const stamps = patients.map((p) => p.meta!.lastUpdated!);
    expect(stamps).toEqual([...stamps].sort());
  });

  it('answers _lastUpdated=gt with only what is newer', async () => {
    const patients = await all('Patient?_sort=_lastUpdated&_count=50');
    const cut = patients[29]!.meta!.lastUpdated!;
    const newer = await all(`Patient?_lastUpdated=gt${encodeURIComponent(cut)}&_sort=_lastUpdated&_count=4`);
    expect(newer.map((p) => p.id)).toEqual(patients.slice(30).map((p) => p.id));
  });

  it('caps the page size and pages other searches by offset (Medplum search underneath)', async () => {
    const big = (await get(`Coverage?_count=${MAX_PAGE_SIZE * 5}`)).body as Bundle;
    expect(big.link?.[0]?.url).toContain(`_count=${MAX_PAGE_SIZE}`);
    const { body } = await get('Patient/PM-00000003');
    const family = (body as { name: { family: string }[] }).name[0]!.family;
    const byName = await all(`Patient?family=${encodeURIComponent(family)}&_count=1`);
    expect(byName.map((p) => p.id)).toContain('PM-00000003');
  });
});

describe('reads and writes', () => {
  it('reads by id with an ETag, and 404s what is not there', async () => {
    const found = await get('Coverage/PM-00000002-c1');
    expect(found.status).toBe(200);
    expect(found.headers.get('etag')).toMatch(/^W\/"/);
    expect((await get('Coverage/nope')).status).toBe(404);
  });

  it('conditional create: 201 the first time, 200 with the same resource after', async () => {
    const task = { resourceType: 'Task', status: 'requested', intent: 'order', identifier: [{ system: 'urn:test', value: 'once-1' }] };
    const first = await post('Task', task, { 'if-none-exist': 'identifier=urn:test|once-1' });
    const second = await post('Task', task, { 'if-none-exist': 'identifier=urn:test|once-1' });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);
    const [concurrentA, concurrentB] = await Promise.all([
      post('Task', { ...task, identifier: [{ system: 'urn:test', value: 'once-2' }] }, { 'if-none-exist': 'identifier=urn:test|once-2' }),
      post('Task', { ...task, identifier: [{ system: 'urn:test', value: 'once-2' }] }, { 'if-none-exist': 'identifier=urn:test|once-2' }),
    ]);
    expect([concurrentA.status, concurrentB.status].sort()).toEqual([200, 201]);
    const found = (await get('Task?identifier=urn:test|once-2')).body as Bundle;
    expect(found.entry).toHaveLength(1);
  });

  it('refuses a resource that is not valid R4', async () => {
    const bad = await post('Task', { resourceType: 'Task', status: 'requested' });
    expect(bad.status).toBe(400);
    expect(bad.body.resourceType).toBe('OperationOutcome');
    expect((await post('Task', { resourceType: 'Patient' })).status).toBe(400);
  });

  it('stamps writes after every seeded resource', async () => {
    const before = await all('Patient?_sort=_lastUpdated&_count=50');
    const created = await post('Patient', { resourceType: 'Patient', name: [{ family: 'Later' }], meta: { lastUpdated: '2001-01-01T00:00:00.000Z' } });
    expect(created.status).toBe(201);
    expect(created.body.meta!.lastUpdated! > before.at(-1)!.meta!.lastUpdated!).toBe(true);
  });
});

describe('faults armed over HTTP', () => {
  it('fails the next requests, then serves again', async () => {
    const armed = await fetch(`${server.baseUrl.replace('/fhir/R4', '')}/__faults`, { method: 'POST', body: JSON.stringify({ fail: 2, failStatus: 503 }) });
    expect(armed.status).toBe(200);
    expect((await get('Patient/PM-00000001')).status).toBe(503);
    expect((await get('Patient/PM-00000001')).status).toBe(503);
    expect((await get('Patient/PM-00000001')).status).toBe(200);
    expect(server.faults.injected.failed).toBeGreaterThanOrEqual(2);
  });
});
