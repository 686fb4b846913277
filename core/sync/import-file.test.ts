import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupCode } from '../../shared/domain';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';
import { importFile } from './import-file';
import type { ImportedClaim } from './records';
import type { ParsedRecord, RecordParser } from './source';
import { ImportRefusal } from './source';

let store: TempStore;
let file: string;
beforeEach(() => {
  store = tempStore();
  file = join(store.dir, 'input.txt');
  writeFileSync(file, 'x'.repeat(10_000));
});
afterEach(() => store.cleanup());

function claim(n: number, group: GroupCode = 'PR'): ImportedClaim {
  return {
    externalId: `test:${n}`,
    patient: { identifiers: [{ system: 'test', value: `P${n}` }], familyName: `Family${n}`, givenName: 'Given', dob: null },
    coverage: null,
    claimNumber: `C${n}`,
    payerClaimNumber: null,
    status: 'paid',
    adjudicatedOn: '2026-10-01',
    lines: [{ lineNumber: 1, serviceDate: '2026-09-01', serviceCode: '99213', modifiers: null, units: 1, billedCents: 100, allowedCents: 100, payerPaidCents: 0, adjustments: [{ group, carc: '2', rarc: null, amountCents: 100 }] }],
  };
}

const parserOf = (records: (ParsedRecord | Error)[]): RecordParser =>
  async function* (chunks) {
    for await (const _chunk of chunks) break; // reads, as a real parser would
    for (const record of records) {
      if (record instanceof Error) throw record;
      yield record;
    }
  };

const count = (table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const run = (records: (ParsedRecord | Error)[]) => importFile({ db: store.db, clock: store.ctx.clock, file, parser: parserOf(records), source: 'test' });

describe('importFile', () => {
  it('applies claims, quarantines what cannot be applied, and logs the run', async () => {
    const summary = await run([
      { kind: 'claim', claim: claim(1) },
      { kind: 'rejected', rejected: { location: 'entry 2 (Observation/x)', reason: 'Not a claim', raw: '{}' } },
      { kind: 'claim', claim: claim(3, 'ZZ' as GroupCode) },
      { kind: 'claim', claim: claim(4) },
    ]);
    expect(summary).toMatchObject({ status: 'imported', stats: { created: 2, quarantined: 2 } });
    expect(count('claims')).toBe(2);
    expect(count('patient_items')).toBe(2);
    const reasons = store.db.prepare('SELECT location, reason FROM quarantine ORDER BY id').all() as { location: string; reason: string }[];
    expect(reasons[0]).toEqual({ location: 'entry 2 (Observation/x)', reason: 'Not a claim' });
    expect(reasons[1]!.location).toBe('claim C3');
    expect(reasons[1]!.reason).toMatch(/CHECK constraint/);
    expect(count('patients')).toBe(2); // the failed claim's patient was rolled back with it
    expect(store.db.prepare('SELECT kind, status, stats FROM sync_runs').get()).toMatchObject({ kind: 'import', status: 'ok' });
  });

  it('writes nothing of a refused file, and says where and why', async () => {
    const summary = await run([{ kind: 'claim', claim: claim(1) }, new ImportRefusal('input.txt', 'segment 14 (CAS)', 'the amount "12.3.4" is not a number')]);
    expect(summary).toMatchObject({ status: 'refused', message: 'input.txt: segment 14 (CAS): the amount "12.3.4" is not a number' });
    for (const table of ['claims', 'patients', 'patient_items', 'ledger_entries', 'quarantine']) expect(count(table), table).toBe(0);
    expect(store.db.prepare('SELECT status, error FROM sync_runs').get()).toMatchObject({ status: 'failed', error: expect.stringMatching(/segment 14/) });
  });

  it('is idempotent: importing the same file twice doubles nothing', async () => {
    await run([{ kind: 'claim', claim: claim(1) }]);
    const again = await run([{ kind: 'claim', claim: claim(1) }]);
    expect(again.stats).toMatchObject({ created: 0, unchanged: 1 });
    expect(count('ledger_entries')).toBe(1);
  });
});
