import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../api/dispatch';
import { getPatientBalance } from '../../balances/patient-balance';
import { searchPatients } from '../../patients/queries';
import type { TempStore } from '../../testing/temp-db';
import { tempStore } from '../../testing/temp-db';
import { importFile } from '../import-file';
import { exportOutboxCsv, OUTBOX_CSV_COLUMNS } from './export-outbox';
import { parseBalanceCsv } from './parse-balance-csv';

let store: TempStore;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.cleanup());

const HEADER = 'patient_id,mrn,last_name,first_name,dob,phone,payer,program,member_id,claim_number,line,service_date,service_code,category,carc,amount';

function importCsv(text: string) {
  const file = join(store.dir, 'balances.csv');
  writeFileSync(file, text);
  return importFile({ db: store.db, clock: store.ctx.clock, file, parser: parseBalanceCsv, source: 'csv' });
}

describe('CSV patient-balance import', () => {
  it('imports rows as items, quarantines bad rows with the line number', async () => {
    const summary = await importCsv(
      [
        HEADER,
        'PM-1,A100,Nguyen,Linh,04/05/1961,(555) 201-4477,Aetna,commercial,W123,E-77,1,2026-09-10,99213,copay,,25.00',
        'PM-1,A100,Nguyen,Linh,04/05/1961,,Aetna,commercial,W123,E-77,2,2026-09-10,99421,coinsurance,2,3.2',
        'PM-2,,Okafor,Ada,,,,,,E-78,1,2026-10-01,99213,self_pay,,120',
        'PM-3,,Bad,Row,,,,,,E-79,1,2026-10-01,99213,copay,,12.3.4',
      ].join('\n'),
    );
    expect(summary).toMatchObject({ status: 'imported', stats: { created: 3, quarantined: 1 } });
    expect(store.db.prepare('SELECT location, reason FROM quarantine').get()).toEqual({ location: 'line 5', reason: 'amount "12.3.4" is not an amount in dollars' });
    const [linh] = searchPatients(store.db, 'nguyen 04/05/1961');
    const balance = getPatientBalance(store.db, store.ctx.clock, linh!.id);
    expect(balance.items.map((i) => [i.category, i.openCents])).toEqual([
      ['copay', 2_500],
      ['coinsurance', 320],
    ]);
    const [ada] = searchPatients(store.db, 'okafor');
    expect(getPatientBalance(store.db, store.ctx.clock, ada!.id).items).toMatchObject([{ category: 'self_pay', openCents: 12_000 }]);
    expect((await importCsv([HEADER, 'PM-2,,Okafor,Ada,,,,,,E-78,1,2026-10-01,99213,self_pay,,120'].join('\n'))).stats).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('refuses a file without the required columns, or with broken quoting, writing nothing', async () => {
    expect(await importCsv('name,amount\nx,1')).toMatchObject({ status: 'refused', message: expect.stringMatching(/line 1 \(header\): missing columns patient_id, last_name/) });
    const broken = await importCsv(`${HEADER}\nPM-1,,"Nguyen,Linh,,,,,,E-1,1,2026-09-10,99213,copay,,25`);
    expect(broken.status).toBe('refused');
    expect((store.db.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n).toBe(0);
  });
});

describe('outbox CSV export', () => {
  it('writes the pending decisions in the documented layout once', async () => {
    await importCsv([HEADER, 'PM-1,A100,Nguyen,Linh,1961-04-05,,Aetna,commercial,W123,E-77,1,2026-11-10,99213,coinsurance,2,12.00'].join('\n'));
    const [linh] = searchPatients(store.db, 'nguyen');
    const itemId = getPatientBalance(store.db, store.ctx.clock, linh!.id).items[0]!.id;
    expect(dispatch(store.ctx, 'carryForward', { itemId, idempotencyKey: 'carry-export-1' }).ok).toBe(true);
    expect(dispatch(store.ctx, 'recordPayment', { patientId: linh!.id, amountCents: 500, method: 'cash', idempotencyKey: 'pay-export-1' }).ok).toBe(true);
    const file = join(store.dir, 'outbox.csv');
    expect(exportOutboxCsv(store.db, file, '2026-11-22T15:00:00.000Z')).toBe(2);
    const rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...OUTBOX_CSV_COLUMNS]);
    expect(rows.map((r) => [r.kind, r.mrn, r.amount_cents])).toEqual([
      ['item.carried_forward', 'A100', '1200'],
      ['payment.recorded', 'A100', '500'],
    ]);
    expect(rows[0]!.statement_by).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(exportOutboxCsv(store.db, join(store.dir, 'again.csv'), '2026-11-22T15:05:00.000Z')).toBe(0);
  });
});
