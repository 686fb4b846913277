/**
 * Batches under one savepoint must end exactly as one savepoint per record would: the same rows, the
 * same quarantine, the same counts, even when a record fails half-way through a batch.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupCode } from '../../shared/domain';
import type { Db } from '../db/connection';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';
import { fixedClock } from '../clock';
import { BATCH_SIZE, applyBatch } from './apply-batch';
import { applyClaim } from './apply-claim';
import { importFile } from './import-file';
import { PatientCache } from './patient-cache';
import { quarantine } from './quarantine';
import type { ImportedClaim } from './records';
import type { ParsedRecord, RecordParser } from './source';
import { emptyStats } from './sync-log';

const AT = '2026-11-22T14:00:00.000Z';
let stores: TempStore[];
beforeEach(() => (stores = [tempStore(), tempStore()]));
afterEach(() => stores.forEach((s) => s.cleanup()));

/** Claim n of patient `patient` (several claims share a patient); `bad` fails on the CHECK of its group code. */
function claim(n: number, patient: number, bad = false): ImportedClaim {
  return {
    externalId: `test:${n}`,
    patient: { identifiers: [{ system: 'test:member', value: `M${patient}` }, { system: 'x12:patient-control-number', value: `ACCT ${patient % 7}` }], familyName: `Family${patient}`, givenName: 'Given', dob: null },
    coverage: { payerName: 'Payer', program: 'commercial', memberId: `M${patient}`, priority: 1, copayCents: null, externalId: null },
    claimNumber: `C${n}`,
    payerClaimNumber: null,
    status: 'paid',
    adjudicatedOn: '2026-10-01',
    lines: [
      {
        lineNumber: 1,
        serviceDate: '2026-09-01',
        serviceCode: '99213',
        modifiers: null,
        units: 1,
        billedCents: 10_000,
        allowedCents: 8_000,
        payerPaidCents: 6_000,
        adjustments: [
          { group: 'CO', carc: '45', rarc: null, amountCents: 2_000 },
          // The bad claim's patient and first adjustment are written before this one fails.
          { group: bad ? ('ZZ' as GroupCode) : 'PR', carc: '2', rarc: null, amountCents: 2_000 },
        ],
      },
    ],
  };
}

const TABLES = ['patients', 'patient_identifiers', 'patient_search_terms', 'coverages', 'claims', 'claim_lines', 'claim_adjustments', 'patient_items', 'ledger_entries'];
const dump = (db: Db) => Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
const quarantined = (db: Db) => db.prepare('SELECT location, reason FROM quarantine ORDER BY id').all();

/** The reference: every record in its own savepoint, no cache (how records were applied before batching). */
function onePerSavepoint(db: Db, records: ParsedRecord[]) {
  const stats = emptyStats();
  db.transaction(() => {
    for (const record of records) {
      if (record.kind !== 'claim') continue;
      try {
        const result = db.transaction(() => applyClaim({ db, source: 'test', at: AT }, record.claim))();
        stats[result.outcome] += 1;
        if (result.patientCreated) stats.patients += 1;
      } catch (error) {
        quarantine(db, 'test:input.txt', { location: `claim ${record.claim.claimNumber}`, reason: (error as Error).message, raw: '' }, AT);
        stats.quarantined += 1;
      }
    }
  })();
  return stats;
}

async function imported(store: TempStore, records: ParsedRecord[]) {
  const file = join(store.dir, 'input.txt');
  writeFileSync(file, 'x');
  const parser: RecordParser = async function* () {
    yield* records;
  };
  return importFile({ db: store.db, clock: fixedClock(AT), file, parser, source: 'test' });
}

describe('applying records in batches', () => {
  it('quarantines only the bad record of a batch and ends exactly as a savepoint per record would', async () => {
    // 2.5 batches; patients recur across and within batches; the bad ones sit mid-batch and first in a batch.
    const records: ParsedRecord[] = Array.from({ length: BATCH_SIZE * 2 + 50 }, (_, i) => ({ kind: 'claim', claim: claim(i, i % 40, i === 57 || i === BATCH_SIZE) }));
    const batched = await imported(stores[0]!, records);
    const reference = onePerSavepoint(stores[1]!.db, records);
    expect(batched.stats).toEqual({ ...reference, updated: 0, unchanged: 0, conflicts: 0 });
    expect(batched.stats.quarantined).toBe(2);
    expect(quarantined(stores[0]!.db)).toEqual(quarantined(stores[1]!.db));
    expect(dump(stores[0]!.db)).toEqual(dump(stores[1]!.db));
  });

  it("forgets what a failed record taught the cache: the next claim of its patient creates the patient anew", async () => {
    // Patient 900 is first seen in the bad claim: its patient row and identifiers are rolled back with it.
    const records: ParsedRecord[] = [claim(1, 1), claim(2, 900, true), claim(3, 900), claim(4, 1)].map((c) => ({ kind: 'claim', claim: c }));
    const batched = await imported(stores[0]!, records);
    onePerSavepoint(stores[1]!.db, records);
    expect(batched.stats).toMatchObject({ created: 3, patients: 2, quarantined: 1 });
    expect(dump(stores[0]!.db)).toEqual(dump(stores[1]!.db));
  });

  it('puts the counts back when a batch is rolled back and replayed', () => {
    const db = stores[0]!.db;
    const stats = emptyStats();
    const cache = new PatientCache();
    cache.remember('test', 'x', 1);
    const failed: string[] = [];
    db.transaction(() =>
      applyBatch(
        { db, stats, patients: cache },
        ['a', 'bad', 'c'],
        (item) => {
          db.prepare('INSERT INTO practice_settings (key, value) VALUES (?, ?)').run(`batch.${item}`, item);
          if (item === 'bad') throw new Error('no');
          stats.created += 1;
        },
        (item) => failed.push(item),
      ),
    )();
    expect(stats.created).toBe(2);
    expect(failed).toEqual(['bad']);
    expect(cache.size).toBe(0);
    expect(db.prepare("SELECT key FROM practice_settings WHERE key LIKE 'batch.%' ORDER BY key").all()).toEqual([{ key: 'batch.a' }, { key: 'batch.c' }]);
  });
});
