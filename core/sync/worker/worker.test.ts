/**
 * The sync worker gives exactly what the calling thread would have produced on its own: the same records
 * and hashes, the same refusals (file, segment, problem), the same store after a pull, the same errors.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../clock';
import type { Db } from '../../db/connection';
import type { TempStore } from '../../testing/temp-db';
import { TEST_TODAY, tempStore } from '../../testing/temp-db';
import { contentHash } from '../content-hash';
import { FhirHttpError } from '../fhir-client/http';
import { pullUpdates } from '../fhir-sync/pull';
import { importFile } from '../import-file';
import { readChunks } from '../read-chunks';
import type { ReferenceServer } from '../reference-server/server';
import { startReferenceServer } from '../reference-server/server';
import type { ParsedRecord } from '../source';
import { generate835 } from '../x12/generate-835';
import { parse835 } from '../x12/parse-835';
import type { ParsedBatch } from './jobs';
import { startWorkerJob } from './start-worker';

let store: TempStore;
beforeEach(() => (store = tempStore()));
afterEach(() => store.cleanup());

const TABLES = ['patients', 'patient_identifiers', 'patient_search_terms', 'coverages', 'appointments', 'claims', 'claim_lines', 'claim_adjustments', 'patient_items', 'ledger_entries', 'quarantine'];
const dump = (db: Db) => Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));

function write835(name: string, text: string): string {
  const file = join(store.dir, name);
  writeFileSync(file, text);
  return file;
}

describe('parsing a file in the worker', () => {
  it('sends the records and claim hashes the parser gives on this thread, with the bytes read', async () => {
    const file = write835('remit.835', [...generate835({ claims: 230, linesPerClaim: 3, seed: 5 })].join(''));
    const here: ParsedRecord[] = [];
    for await (const record of parse835(readChunks(file, () => {}), 'remit.835')) here.push(record);
    const stream = await startWorkerJob<ParsedBatch>({ kind: 'parse-file', file, source: 'x12-835', batchSize: 100 }, 2);
    expect(stream).not.toBeNull(); // the worker itself ran, not the fallback
    const batches: ParsedBatch[] = [];
    for await (const batch of stream!) batches.push(batch);
    expect(batches.map((b) => b.records.length)).toEqual([100, 100, 30]);
    expect(batches.flatMap((b) => b.records)).toEqual(here);
    expect(batches.flatMap((b) => b.hashes)).toEqual(here.map((r) => (r.kind === 'claim' ? contentHash(r.claim) : null)));
    expect(batches.at(-1)!.bytes).toBe(Buffer.byteLength([...generate835({ claims: 230, linesPerClaim: 3, seed: 5 })].join('')));
  });

  it('refuses a truncated file with the same file, segment and problem, writing nothing', async () => {
    const text = [...generate835({ claims: 300, linesPerClaim: 2, seed: 9 })].join('');
    const file = write835('cut.835', text.slice(0, Math.floor(text.length * 0.7)));
    const run = (inWorker: boolean) => importFile({ db: store.db, clock: fixedClock(`${TEST_TODAY}T10:00:00Z`), file, parser: parse835, source: 'x12-835', inWorker });
    const [inWorker, here] = [await run(true), await run(false)];
    expect(inWorker).toMatchObject({ status: 'refused', message: expect.stringMatching(/^cut\.835: segment \d+ \(\w+\): /) });
    expect(inWorker.message).toBe(here.message);
    expect(store.db.prepare('SELECT count(*) AS n FROM claims').get()).toEqual({ n: 0 });
  });

  it('imports the same store as parsing on this thread', async () => {
    const file = write835('remit.835', [...generate835({ claims: 250, linesPerClaim: 4, seed: 3 })].join(''));
    const other = tempStore();
    try {
      const options = { clock: fixedClock(`${TEST_TODAY}T10:00:00Z`), file, parser: parse835, source: 'x12-835' };
      const [a, b] = [await importFile({ ...options, db: store.db, inWorker: true }), await importFile({ ...options, db: other.db, inWorker: false })];
      expect(a).toEqual(b);
      expect(dump(store.db)).toEqual(dump(other.db));
    } finally {
      other.cleanup();
    }
  });
});

describe('pulling through the worker', () => {
  let server: ReferenceServer;
  const now = () => new Date(`${TEST_TODAY}T14:00:00Z`);
  const fast = { retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 }, timeoutMs: 2_000, pageSize: 25 };
  beforeAll(async () => (server = await startReferenceServer({ patients: 25, seed: 6, today: TEST_TODAY })));
  afterAll(() => server.close());

  it('writes the same store as fetching and mapping on this thread', async () => {
    const stream = await startWorkerJob({ kind: 'pull', baseUrl: server.baseUrl, types: [] }, 1);
    expect(stream).not.toBeNull(); // the worker itself runs, not the fallback
    await stream!.close();
    const other = tempStore();
    try {
      const a = await pullUpdates(store.db, server.baseUrl, now, { ...fast, inWorker: true });
      const b = await pullUpdates(other.db, server.baseUrl, now, { ...fast, inWorker: false });
      expect(a).toEqual(b);
      expect(a.created).toBeGreaterThan(25);
      expect(dump(store.db)).toEqual(dump(other.db));
    } finally {
      other.cleanup();
    }
  });

  it('quarantines a record that cannot be stored with its resource as the server sent it, like this thread does', async () => {
    const other = tempStore();
    try {
      const quarantined: unknown[] = [];
      for (const [s, inWorker] of [[store, true], [other, false]] as const) {
        // One claim the store refuses (as a constraint would), the rest of its page applies.
        s.db.exec("CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON claims WHEN NEW.external_id LIKE '%/ExplanationOfBenefit/eob-2-1' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END");
        const stats = await pullUpdates(s.db, server.baseUrl, now, { ...fast, inWorker });
        expect(stats.quarantined).toBe(1);
        quarantined.push(s.db.prepare('SELECT location, reason, raw FROM quarantine').all());
      }
      expect(quarantined[0]).toEqual(quarantined[1]);
      expect(quarantined[0]).toEqual([{ location: 'ExplanationOfBenefit/eob-2-1', reason: 'refused for the test', raw: expect.stringMatching(/^\{"resourceType":"ExplanationOfBenefit","id":"eob-2-1"/) }]);
      expect(dump(store.db)).toEqual(dump(other.db));
    } finally {
      other.cleanup();
    }
  });

  it('fails with the FhirHttpError the server caused, having written only whole pages', async () => {
    server.faults.reset();
    server.faults.failNext(50, 503);
    const error = await pullUpdates(store.db, server.baseUrl, now, { ...fast, inWorker: true }).catch((e: unknown) => e);
    server.faults.reset();
    expect(error).toBeInstanceOf(FhirHttpError);
    expect(error).toMatchObject({ status: 503, retryable: true });
  });

  it('stops when the run is called off', async () => {
    const controller = new AbortController();
    const error = await pullUpdates(store.db, server.baseUrl, now, { ...fast, inWorker: true, resourcesPerTransaction: 1, signal: controller.signal, onPage: () => controller.abort(new Error('called off')) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'called off' });
  });
});
