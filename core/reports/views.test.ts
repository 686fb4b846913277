import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CarriedForwardReport, CollectionEffortReport, ConsistencyReport, WriteOffsReport } from '../../shared/api/reports';
import type { CoreContext } from '../api/context';
import { call } from '../api/dispatch';
import { fixedClock } from '../clock';
import { runCli } from '../cli/program';
import { addPatient } from '../testing/fixtures';
import type { TempStore } from '../testing/temp-db';
import { TEST_TODAY, tempStore } from '../testing/temp-db';

let store: TempStore;
beforeEach(() => {
  store = tempStore();
});
afterEach(() => store.cleanup());

/** A desk write on a given day (the ledger dates write-offs by when they were posted). */
function act(method: 'writeOff' | 'carryForward' | 'requestWriteOff', input: object, key: string, at = `${TEST_TODAY}T14:00:00`) {
  const ctx: CoreContext = { ...store.ctx, clock: fixedClock(at) };
  return call(ctx, method, { ...input, idempotencyKey: key });
}

const report = <T>(input: object) => call(store.ctx, 'getReport', input) as T;

async function cliCsv(...args: string[]): Promise<string> {
  store.db.close();
  const out: string[] = [];
  const code = await runCli(['report', '--db', store.file, ...args, '--csv'], { out: (t) => out.push(t), err: () => undefined, clock: fixedClock(`${TEST_TODAY}T14:00:00`), actor: 'cli-test', staticDir: store.dir });
  expect(code).toBe(0);
  return out.join('\n');
}

describe('getReport: write-offs', () => {
  it('totals by rule and by month, stacked per rule, from the entries posted', () => {
    const qmb = addPatient(store.db, { program: 'qmb', items: [{ amountCents: 2_000 }, { amountCents: 700 }] });
    const nominal = addPatient(store.db, { items: [{ amountCents: 1_600, serviceCode: '99421', category: 'noncovered', carc: '204' }] });
    act('writeOff', { itemId: qmb.itemIds[0], rule: 'not_billable' }, 'view-wo-1', '2026-10-05T10:00:00');
    act('writeOff', { itemId: qmb.itemIds[1], rule: 'not_billable' }, 'view-wo-2', '2026-11-03T10:00:00');
    act('writeOff', { itemId: nominal.itemIds[0], rule: 'nominal_fee' }, 'view-wo-3', '2026-11-04T10:00:00');

    const view = report<WriteOffsReport>({ name: 'write-offs' });
    expect(view.name).toBe('write-offs');
    expect(view.rules).toEqual([
      { rule: 'not_billable', label: 'Not billable to the patient', count: 2, amountCents: 2_700 },
      { rule: 'nominal_fee', label: 'Above the nominal fee', count: 1, amountCents: 600 },
    ]);
    expect(view.months).toEqual([
      { month: '2026-10', count: 1, amountCents: 2_000, byRule: { not_billable: 2_000 } },
      { month: '2026-11', count: 2, amountCents: 1_300, byRule: { nominal_fee: 600, not_billable: 700 } },
    ]);
    const november = report<WriteOffsReport>({ name: 'write-offs', from: '2026-11-01', to: '2026-11-30' });
    expect(november.months.map((m) => m.month)).toEqual(['2026-11']);
    expect(november.csvFileName).toBe('write-offs_2026-11-01_2026-11-30.csv');
  });

  it('gives the same CSV as `front-desk report --csv`', async () => {
    const qmb = addPatient(store.db, { program: 'qmb', items: [{ amountCents: 2_000 }] });
    act('writeOff', { itemId: qmb.itemIds[0], rule: 'not_billable' }, 'view-csv-1');
    const view = report<WriteOffsReport>({ name: 'write-offs', from: '2026-01-01' });
    expect(view.csv).toBe('month,rule,count,amount_cents\n2026-11,not_billable,1,2000\n');
    expect(await cliCsv('write-offs', '--from', '2026-01-01')).toBe(view.csv.trimEnd());
  });
});

describe('getReport: carried-forward', () => {
  it('has every age band, the empty ones at zero', () => {
    const { itemIds } = addPatient(store.db, { items: [{ amountCents: 900, billedOn: '2026-10-01' }, { amountCents: 400, billedOn: '2026-11-10' }] });
    act('carryForward', { itemId: itemIds[0] }, 'view-cf-1');
    act('carryForward', { itemId: itemIds[1] }, 'view-cf-2');
    const view = report<CarriedForwardReport>({ name: 'carried-forward' });
    expect(view.asOf).toBe(TEST_TODAY);
    expect(view.bands).toEqual([
      { band: '0-30 days', items: 1, openCents: 400 },
      { band: '31-60 days', items: 1, openCents: 900 },
      { band: '61-90 days', items: 0, openCents: 0 },
      { band: '91-180 days', items: 0, openCents: 0 },
      { band: 'over 180 days', items: 0, openCents: 0 },
    ]);
    expect(view.periodNote).toMatch(/do not apply/);
  });
});

describe('getReport: collection-effort', () => {
  it('counts statements sent, and those answered by a payment (some or all) within 30 days', async () => {
    const a = addPatient(store.db, { items: [{ amountCents: 5_000, statements: ['2026-09-01', '2026-10-01'] }] });
    const b = addPatient(store.db, { items: [{ amountCents: 2_000, statements: ['2026-10-15'] }] });
    const pay = store.db.prepare("INSERT INTO ledger_entries (patient_id, item_id, kind, amount_cents, method, posted_at, actor) VALUES (?, ?, 'payment', ?, 'cash', ?, 't')");
    pay.run(a.patientId, a.itemIds[0], -1_500, '2026-10-10T12:00:00.000Z'); // 9 days after the 2nd statement, 39 after the 1st
    pay.run(b.patientId, b.itemIds[0], -2_000, '2026-10-20T12:00:00.000Z'); // all of it, 5 days after
    const view = report<CollectionEffortReport>({ name: 'collection-effort' });
    expect(view.windowDays).toBe(30);
    expect(view.months).toEqual([
      { month: '2026-09', statements: 1, billedCents: 5_000, paidWithinWindowCents: 0, followedByPayment: 0, paidInFull: 0 },
      { month: '2026-10', statements: 2, billedCents: 7_000, paidWithinWindowCents: 3_500, followedByPayment: 2, paidInFull: 1 },
    ]);
    expect(view.columns).toEqual(['month', 'statements', 'billed_cents', 'paid_within_30_days_cents', 'statements_followed_by_payment', 'statements_paid_in_full']);
    expect(await cliCsv('collection-effort')).toBe(view.csv.trimEnd());
  });
});

describe('getReport: consistency', () => {
  function practice() {
    for (let i = 0; i < 4; i++) addPatient(store.db, { program: 'commercial', items: [{ amountCents: 1_000 }] });
    const qmb = addPatient(store.db, { program: 'qmb', items: [{ amountCents: 1_000 }] });
    act('writeOff', { itemId: qmb.itemIds[0], rule: 'not_billable' }, 'view-cons-1');
    const ma = addPatient(store.db, { program: 'medicare_advantage', items: [{ amountCents: 1_600, serviceCode: '99421', category: 'noncovered', carc: '204' }] });
    act('writeOff', { itemId: ma.itemIds[0], rule: 'nominal_fee' }, 'view-cons-2');
    const asked = addPatient(store.db, { program: 'medicaid', items: [{ amountCents: 3_000, category: 'noncovered', carc: '204' }] });
    return { asked };
  }

  it('compares each group with all the other patients and flags it beyond the margin, in words', () => {
    practice();
    const view = report<ConsistencyReport>({ name: 'consistency' });
    expect(view.marginPoints).toBe(5);
    // 7 items, $96.00 billed, $6.00 written off under a discretionary rule (not_billable is left out).
    expect(view.overall).toEqual({ items: 7, chargedCents: 9_600, writtenOffCents: 600, writeOffRatePct: 6.25, exceptionRequests: 0, exceptionRatePct: 0 });
    const ma = view.groups.find((g) => g.group === 'medicare_advantage')!;
    expect(ma).toMatchObject({ dimension: 'program', label: 'Medicare Advantage', items: 1, writeOffRatePct: 37.5, othersWriteOffRatePct: 0, writeOffFlagged: true, exceptionFlagged: false });
    const commercial = view.groups.find((g) => g.group === 'commercial')!;
    // $6.00 of the others' $56.00: 10.71%, more than 5 points from commercial's 0%.
    expect(commercial).toMatchObject({ writeOffRatePct: 0, othersWriteOffRatePct: 10.71, writeOffFlagged: true });
    // Everyone is 65 or over in the fixtures: one age band, nobody else to compare with.
    expect(view.groups.filter((g) => g.dimension === 'age band')).toEqual([expect.objectContaining({ group: '65+', label: 'Age 65 and over', othersWriteOffRatePct: null, writeOffFlagged: false })]);
    expect(view.flags).toContain('Medicare Advantage (payer program): write-off rate 37.5% against 0% for all other patients — 37.5 points apart, more than the 5-point margin.');
    expect(view.rows.at(-1)).toMatchObject({ dimension: 'all', group: 'all patients', items: 7, flag: '' });
    expect(view.rows.find((r) => r.group === 'medicare_advantage')).toMatchObject({ flag: 'write-off rate differs' });
  });

  it('takes the margin from the manager and counts exception requests', () => {
    const { asked } = practice();
    const wide = report<ConsistencyReport>({ name: 'consistency', margin: 40 });
    expect(wide.flags).toEqual([]);
    expect(wide.title).toMatch(/40 percentage points/);
    act('requestWriteOff', { itemId: asked.itemIds[0], reason: 'Patient disputes it' }, 'view-cons-3');
    const medicaid = report<ConsistencyReport>({ name: 'consistency', margin: 50 }).groups.find((g) => g.group === 'medicaid')!;
    expect(medicaid).toMatchObject({ exceptionRequests: 1, exceptionRatePct: 100, othersExceptionRatePct: 0, exceptionFlagged: true });
  });

  it('refuses what is not a report or not a period', () => {
    expect(() => call(store.ctx, 'getReport', { name: 'favourites' })).toThrow(/Choose one of the reports/);
    expect(() => call(store.ctx, 'getReport', { name: 'write-offs', from: '2026-11-30', to: '2026-11-01' })).toThrow(/first day must be on or before the last day/);
    expect(() => call(store.ctx, 'getReport', { name: 'write-offs', from: '2026-02-30' })).toThrow(/not a real day/);
    expect(() => call(store.ctx, 'getReport', { name: 'consistency', margin: -1 })).toThrow(/cannot be negative/);
  });
});
