/**
 * The desk's FHIR client against the reference main system on 127.0.0.1:
 * full and incremental pulls across pages, and every fault the server can
 * inject. All loops are bounded by the client's own limits (pages, attempts).
 */
import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_TODAY } from '../../testing/temp-db';
import type { ReferenceServer } from '../reference-server/server';
import { startReferenceServer } from '../reference-server/server';
import type { FetchUpdatesOptions, UpdatePage } from './fetch-updates';
import { fetchUpdates } from './fetch-updates';
import { FhirHttpError, FhirProtocolError } from './http';
import { compareInstants } from './instants';
import { pushOutboxRow } from './index';
import { OUTBOX_SYSTEM } from './outbox-mapping';
import { pushResource } from './push';

const PATIENTS = 50;
let server: ReferenceServer;

beforeAll(async () => {
  server = await startReferenceServer({ patients: PATIENTS, seed: 3, today: TEST_TODAY, port: 0 });
});
afterAll(() => server?.close());
beforeEach(() => server.faults.reset());

/** Fast, bounded retries for tests. */
const FAST: FetchUpdatesOptions = { retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 5_000 };

async function pull<T extends Resource = Resource>(type: T['resourceType'], since: string | null, options: FetchUpdatesOptions<T> = {}): Promise<{ pages: UpdatePage<T>[]; resources: T[] }> {
  const pages: UpdatePage<T>[] = [];
  for await (const page of fetchUpdates<T>(server.baseUrl, type, since, { ...(FAST as FetchUpdatesOptions<T>), ...options })) pages.push(page);
  return { pages, resources: pages.flatMap((p) => p.resources) };
}

function expectMonotoneCursor(pages: UpdatePage[]): void {
  for (let i = 1; i < pages.length; i++) expect(compareInstants(pages[i]!.cursor!, pages[i - 1]!.cursor!)).toBeGreaterThanOrEqual(0);
}

const ids = (resources: Resource[]) => resources.map((r) => r.id);
const maxStamp = (resources: Resource[]) => resources.map((r) => r.meta!.lastUpdated!).sort().at(-1)!;

describe('pulling everything', () => {
  it('pulls every Patient across pages, once each, with the cursor at the newest', async () => {
    const seen: number[] = [];
    const { pages, resources } = await pull<Patient>('Patient', null, { pageSize: 7, onPage: (p) => seen.push(p.pageNumber) });
    expect(pages.length).toBe(Math.ceil(PATIENTS / 7));
    expect(seen).toEqual(pages.map((p) => p.pageNumber));
    expect(resources).toHaveLength(PATIENTS);
    expect(new Set(ids(resources)).size).toBe(PATIENTS);
    expect(pages.at(-1)!.last).toBe(true);
    expect(pages.slice(0, -1).every((p) => !p.last)).toBe(true);
    expect(pages.at(-1)!.cursor).toBe(maxStamp(resources));
    expect(pages.every((p) => p.attempts === 1 && p.duplicates === 0)).toBe(true);
    expectMonotoneCursor(pages);
  });

  it('pulls every ExplanationOfBenefit', async () => {
    const { resources } = await pull('ExplanationOfBenefit', null, { pageSize: 25 });
    expect(resources).toHaveLength(server.repository.countOf('ExplanationOfBenefit'));
    expect(new Set(ids(resources)).size).toBe(resources.length);
    expect(resources.every((r) => r.resourceType === 'ExplanationOfBenefit')).toBe(true);
  });
});

describe('going on from a page', () => {
  it("gives the pages after it, as the first run would have, and keeps each page's body and entry places on request", async () => {
    const whole = await pull<Patient>('Patient', null, { pageSize: 7 });
    const first = whole.pages[0]!;
    expect(first.next).toBe(whole.pages[1]!.url);
    const rest = await pull<Patient>('Patient', null, { pageSize: 7, keepBody: true, resumeAt: { url: first.next!, pageNumber: 2, cursor: first.cursor } });
    expect(rest.pages.map((p) => [p.pageNumber, p.cursor, p.last])).toEqual(whole.pages.slice(1).map((p) => [p.pageNumber, p.cursor, p.last]));
    expect(ids(rest.resources)).toEqual(ids(whole.resources.slice(first.resources.length)));
    const page = rest.pages[0]!;
    const bundle = JSON.parse(new TextDecoder().decode(page.body)) as Bundle<Patient>;
    expect(page.entryIndexes.map((i) => bundle.entry![i]!.resource)).toEqual(page.resources);
  });

  it('refuses to go on from a page on another server', async () => {
    await expect(pull('Patient', null, { resumeAt: { url: 'http://192.0.2.1/fhir/R4/Patient?page=2', pageNumber: 2, cursor: null } })).rejects.toThrow(RangeError);
  });
});

describe('pulling what changed', () => {
  it('after a cursor returns only newer resources, and nothing when nothing changed', async () => {
    const full = await pull('Coverage', null, { pageSize: 20 });
    const cursor = full.pages.at(-1)!.cursor!;
    const quiet = await pull('Coverage', cursor, { pageSize: 20 });
    expect(quiet.resources).toEqual([]);
    expect(quiet.pages).toHaveLength(1);
    expect(quiet.pages[0]!.cursor).toBe(cursor);

    const changed = full.resources[3]!;
    const created = await pushResource(
      server.baseUrl,
      { resourceType: 'Coverage', status: 'active', beneficiary: { reference: 'Patient/PM-00000001' }, payor: [{ display: 'New Plan' }] },
      { system: 'urn:test:coverage', value: 'new-1' },
    );
    await server.repository.updateResource({ ...changed, subscriberId: 'CHANGED' });
    const delta = await pull('Coverage', cursor, { pageSize: 20 });
    expect(ids(delta.resources).sort()).toEqual([created.resource.id, changed.id].sort());
    expect(compareInstants(delta.pages.at(-1)!.cursor!, cursor)).toBeGreaterThan(0);
  });

  it('refuses a since that is no instant, and a page size past the bound', async () => {
    await expect(pull('Patient', 'yesterday')).rejects.toThrow(RangeError);
    await expect(pull('Patient', null, { pageSize: 5_000 })).rejects.toThrow(RangeError);
    await expect(pull('Patient', null, { pageSize: 0 })).rejects.toThrow(RangeError);
  });
});

describe('faults', () => {
  it('retries HTTP 500s and then succeeds', async () => {
    server.faults.failNext(3);
    const retries: number[] = [];
    const { pages, resources } = await pull('Patient', null, { pageSize: 20, onRetry: (r) => retries.push(r.attempt) });
    expect(resources).toHaveLength(PATIENTS);
    expect(pages[0]!.attempts).toBe(4);
    expect(retries).toEqual([1, 2, 3]);
    expect(server.faults.injected.failed).toBe(3);
  });

  it('gives up after the bounded attempts, and says the failure may pass', async () => {
    server.faults.failNext(10);
    const error = await pull('Patient', null, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirHttpError);
    expect(error).toMatchObject({ attempts: 3, retryable: true, status: 500 });
    expect(server.faults.pending().fail).toBe(7);
  });

  it('does not retry what the server refuses (4xx)', async () => {
    const error = await pull('NotAType' as 'Patient', null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirHttpError);
    expect((error as FhirHttpError).retryable).toBe(false);
    expect((error as FhirHttpError).attempts).toBe(1);
  });

  it('times out a slow response and retries it', async () => {
    server.faults.delayNext(1, 3_000);
    const started = Date.now();
    const { pages, resources } = await pull('Patient', null, { pageSize: 25, timeoutMs: 200 });
    expect(resources).toHaveLength(PATIENTS);
    expect(pages[0]!.attempts).toBe(2);
    expect(Date.now() - started).toBeLessThan(2_500); // did not wait for the slow answer
  });

  it('survives a connection dropped mid-response', async () => {
    server.faults.dropNext(2);
    const { pages, resources } = await pull('Patient', null, { pageSize: 25 });
    expect(resources).toHaveLength(PATIENTS);
    expect(pages[0]!.attempts).toBe(3);
    expect(server.faults.injected.dropped).toBe(2);
  });

  it('yields nothing twice when a page is served twice', async () => {
    server.faults.duplicateNextPage(2);
    const { pages, resources } = await pull('Patient', null, { pageSize: 10 });
    expect(server.faults.injected.duplicated).toBe(2);
    expect(pages.length).toBe(PATIENTS / 10 + 2);
    expect(resources).toHaveLength(PATIENTS);
    expect(new Set(ids(resources)).size).toBe(PATIENTS);
    expect(pages.reduce((s, p) => s + p.duplicates, 0)).toBe(20);
    expectMonotoneCursor(pages);
  });

  it('takes pages out of order without losing, repeating, or moving the cursor back', async () => {
    server.faults.reorderNextPages(1);
    const { pages, resources } = await pull('Patient', null, { pageSize: 10 });
    expect(server.faults.injected.reordered).toBe(1);
    const pageMaxima = pages.map((p) => p.maxLastUpdated!);
    expect(pageMaxima).not.toEqual([...pageMaxima].sort()); // the server really sent them out of order
    expect(resources).toHaveLength(PATIENTS);
    expect(new Set(ids(resources)).size).toBe(PATIENTS);
    expectMonotoneCursor(pages);
    expect(pages.at(-1)!.cursor).toBe(maxStamp(resources));
  });

  it('copes with everything at once', async () => {
    server.faults.failNext(1).dropNext(1).duplicateNextPage(1).reorderNextPages(1);
    const { pages, resources } = await pull('ExplanationOfBenefit', null, { pageSize: 15 });
    expect(resources).toHaveLength(server.repository.countOf('ExplanationOfBenefit'));
    expect(new Set(ids(resources)).size).toBe(resources.length);
    expectMonotoneCursor(pages);
  });

  it('stops when the caller aborts', async () => {
    server.faults.delayNext(1, 2_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('desk closed')), 50);
    await expect(pull('Patient', null, { signal: controller.signal })).rejects.toThrow('desk closed');
  });
});

describe('a server that misbehaves past faults', () => {
  const bundle = (next: string | null): Bundle => ({
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [{ resource: { resourceType: 'Patient', id: 'p1', meta: { versionId: '1', lastUpdated: '2026-11-22T10:00:00.000Z' } }, search: { mode: 'match' } }],
    ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
  });
  const fakeFetch = (body: (url: string) => unknown): typeof fetch =>
    (async (input: string | URL | Request) => new Response(JSON.stringify(body(String(input))), { status: 200, headers: { 'content-type': 'application/fhir+json' } })) as typeof fetch;

  it('will not follow a next link to another host', async () => {
    const options = { fetch: fakeFetch(() => bundle('http://192.0.2.1/fhir/R4/Patient?page=2')) };
    await expect(pull('Patient', null, options)).rejects.toThrow(FhirProtocolError);
  });

  it('stops a next link that loops', async () => {
    const options = { fetch: fakeFetch((url) => bundle(url)) };
    await expect(pull('Patient', null, options)).rejects.toThrow(/loop/);
  });

  it('stops after maxPages', async () => {
    let n = 0;
    const options = { maxPages: 5, fetch: fakeFetch(() => bundle(`${server.baseUrl}/Patient?page=${++n}`)) };
    await expect(pull('Patient', null, options)).rejects.toThrow(/More than 5 pages/);
  });

  it('refuses an answer that is not a Bundle', async () => {
    const options = { fetch: fakeFetch(() => ({ resourceType: 'Patient', id: 'x' })) };
    await expect(pull('Patient', null, options)).rejects.toThrow(/Expected a Bundle/);
  });
});

describe('pushing', () => {
  const task = { resourceType: 'Task' as const, status: 'requested' as const, intent: 'order' as const };

  it('conditional create twice makes one resource', async () => {
    const identifier = { system: OUTBOX_SYSTEM, value: 'twice-1' };
    const first = await pushResource(server.baseUrl, task, identifier, FAST);
    const second = await pushResource(server.baseUrl, task, identifier, FAST);
    expect([first.outcome, second.outcome]).toEqual(['created', 'existing']);
    expect(second.reference).toBe(first.reference);
    expect(await server.repository.searchResources({ resourceType: 'Task', filters: [{ code: 'identifier', operator: 'eq', value: `${OUTBOX_SYSTEM}|twice-1` }] })).toHaveLength(1);
  });

  it('a retry after the response was lost finds what the first attempt created', async () => {
    server.faults.dropNext(1);
    const identifier = { system: OUTBOX_SYSTEM, value: 'dropped-1' };
    const result = await pushResource(server.baseUrl, task, identifier, FAST);
    expect(result).toMatchObject({ outcome: 'existing', attempts: 2, status: 200 });
    expect(await server.repository.searchResources({ resourceType: 'Task', filters: [{ code: 'identifier', operator: 'eq', value: `${OUTBOX_SYSTEM}|dropped-1` }] })).toHaveLength(1);
  });

  it('a retry after a timeout does too', async () => {
    server.faults.delayNext(1, 1_000);
    const result = await pushResource(server.baseUrl, task, { system: OUTBOX_SYSTEM, value: 'slow-1' }, { ...FAST, timeoutMs: 150 });
    expect(result).toMatchObject({ outcome: 'existing', attempts: 2 });
  });

  it('a refused resource is not retried', async () => {
    const error = await pushResource(server.baseUrl, { resourceType: 'Task', status: 'requested' } as never, { system: OUTBOX_SYSTEM, value: 'bad-1' }, FAST).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'FhirHttpError', status: 400, retryable: false, attempts: 1 });
  });

  it('pushes an outbox row as its FHIR resource, once', async () => {
    const row = {
      id: 1,
      kind: 'payment.recorded',
      idempotency_key: 'desk-123:payment',
      created_at: '2026-11-22T14:00:00.000Z',
      payload: JSON.stringify({ paymentId: 1, amountCents: 2_500, method: 'cash', allocations: [{ itemId: 4, amountCents: 2_500 }], prepaymentCents: 0, policyVersion: 1, mrn: 'M0000001', receivedAt: '2026-11-22T14:00:00.000Z', reference: null }),
    };
    const first = await pushOutboxRow(server.baseUrl, row, FAST);
    const again = await pushOutboxRow(server.baseUrl, row, FAST);
    expect(first).toMatchObject({ outcome: 'created', status: 201 });
    expect(first.reference).toMatch(/^PaymentReconciliation\//);
    expect(again).toMatchObject({ outcome: 'existing', reference: first.reference });
  });
});
