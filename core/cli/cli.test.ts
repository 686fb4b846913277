import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { TEST_TODAY, tempDir } from '../testing/temp-db';
import { EXIT } from './exit-codes';
import { runCli } from './program';

let dir: ReturnType<typeof tempDir>;
let db: string;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    clock: fixedClock(`${TEST_TODAY}T10:00:00`),
    actor: 'cli-test',
    staticDir: join(dir.dir, 'no-renderer'),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = tempDir();
  db = join(dir.dir, 'demo.sqlite');
  const created = await cli('demo', '--db', db, '--patients', '120', '--seed', '5');
  expect(created.code).toBe(0);
});
afterAll(() => dir.cleanup());

describe('front-desk init', () => {
  it('creates an empty practice store: no patients, no accounts, the practice name', async () => {
    const fresh = join(dir.dir, 'practice.sqlite');
    const result = await cli('init', '--db', fresh, '--practice-name', 'Oak Clinic');
    expect(result.code).toBe(0);
    const store = new Database(fresh, { readonly: true });
    try {
      expect(store.prepare('SELECT (SELECT count(*) FROM patients) AS patients, (SELECT count(*) FROM users) AS users').get()).toEqual({ patients: 0, users: 0 });
      expect(store.prepare("SELECT value FROM practice_settings WHERE key = 'practice_name'").get()).toEqual({ value: 'Oak Clinic' });
    } finally {
      store.close();
    }
    expect((await cli('init', '--db', fresh)).code).toBe(EXIT.usage);
  });
});

describe('front-desk demo', () => {
  it('creates the database and says so on stderr, leaving stdout clean', async () => {
    expect(existsSync(db)).toBe(true);
    const other = join(dir.dir, 'other.sqlite');
    const result = await cli('demo', '--db', other, '--patients', '3');
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/Created .* with 3 demo patients/);
  });

  it('shows progress on stderr for large practices', async () => {
    const result = await cli('demo', '--db', join(dir.dir, 'big.sqlite'), '--patients', '10000');
    expect(result.err).toMatch(/Generating demo practice: 10,000 of 10,000 patients \(100%\)/);
  });

  it('refuses to overwrite an existing file', async () => {
    const result = await cli('demo', '--db', db);
    expect(result.code).toBe(EXIT.usage);
    expect(result.err).toMatch(/already exists/);
  });
});

describe('front-desk search', () => {
  it('prints matching patients as JSON', async () => {
    const result = await cli('search', '--db', db, 'M00000', '--json');
    expect(result.code).toBe(0);
    const patients = JSON.parse(result.out) as Record<string, unknown>[];
    expect(patients.length).toBeGreaterThan(1);
    for (const p of patients) expect(Object.keys(p)).toEqual(['id', 'mrn', 'name', 'dob']);
  });

  it('accepts several words, as one query', async () => {
    const [first] = JSON.parse((await cli('search', '--db', db, 'M0000001', '--json')).out) as { name: string; id: number }[];
    const [family, given] = first!.name.split(', ');
    const result = JSON.parse((await cli('search', '--db', db, given!, family!, '--json')).out) as { id: number }[];
    expect(result.map((p) => p.id)).toContain(first!.id);
  });
});

describe('front-desk balance', () => {
  it('prints the documented JSON, with the total equal to the sum of open items', async () => {
    const result = await cli('balance', '--db', db, '--mrn', 'M0000001', '--json');
    expect(result.code).toBe(0);
    const balance = JSON.parse(result.out) as {
      patient: Record<string, unknown>;
      coverages: Record<string, unknown>[];
      totalDueCents: number;
      dueTodayCents: number;
      items: { openCents: number; [k: string]: unknown }[];
    };
    expect(Object.keys(balance)).toEqual(['patient', 'coverages', 'totalDueCents', 'dueTodayCents', 'items']);
    expect(Object.keys(balance.patient)).toEqual(['id', 'mrn', 'name', 'dob']);
    for (const c of balance.coverages) expect(Object.keys(c)).toEqual(['payer', 'program', 'copayCents']);
    for (const item of balance.items) {
      expect(Object.keys(item)).toEqual(['id', 'serviceDate', 'serviceCode', 'description', 'category', 'group', 'carc', 'rarc', 'amountCents', 'openCents']);
    }
    expect(balance.totalDueCents).toBe(balance.items.reduce((sum, i) => sum + i.openCents, 0));
  });

  it('finds the same patient by --id', async () => {
    const byMrn = JSON.parse((await cli('balance', '--db', db, '--mrn', 'M0000002', '--json')).out) as { patient: { id: number } };
    const byId = JSON.parse((await cli('balance', '--db', db, '--id', String(byMrn.patient.id), '--json')).out) as unknown;
    expect(byId).toEqual(byMrn);
  });

  it('prints a readable summary without --json', async () => {
    const result = await cli('balance', '--db', db, '--mrn', 'M0000001');
    expect(result.out).toMatch(/MRN M0000001/);
    expect(result.out).toMatch(/Total owed \$[\d,]+\.\d\d/);
  });
});

describe('failures: one line on stderr and a non-zero exit code', () => {
  const oneLine = (text: string) => expect(text.trim().split('\n')).toHaveLength(1);

  it('an unknown MRN', async () => {
    const result = await cli('balance', '--db', db, '--mrn', 'NOPE', '--json');
    expect(result.code).toBe(EXIT.notFoundOrRefused);
    expect(result.out).toBe('');
    expect(result.err).toBe('front-desk: No patient with MRN NOPE.');
  });

  it('a missing database', async () => {
    const result = await cli('search', '--db', join(dir.dir, 'missing.sqlite'), 'smith');
    expect(result.code).toBe(EXIT.database);
    oneLine(result.err);
    expect(existsSync(join(dir.dir, 'missing.sqlite'))).toBe(false);
  });

  it('a database from a newer app', async () => {
    const newer = join(dir.dir, 'newer.sqlite');
    const raw = new Database(newer);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const result = await cli('balance', '--db', newer, '--mrn', 'M0000001');
    expect(result.code).toBe(EXIT.database);
    expect(result.err).toMatch(/newer version of Front Desk Balances/);
    oneLine(result.err);
  });

  it('a file that is not a database', async () => {
    const text = join(dir.dir, 'text.sqlite');
    writeFileSync(text, 'hello, this is not a database file at all, not even close to one');
    const result = await cli('search', '--db', text, 'x');
    expect(result.code).toBe(EXIT.database);
    oneLine(result.err);
  });

  it.each([
    [['demo', '--db', 'x.sqlite', '--patients', 'lots']],
    [['demo', '--db', 'x.sqlite', '--patients', '0']],
    [['demo', '--db', 'x.sqlite', '--today', 'tomorrow']],
    [['balance', '--db', 'x.sqlite']],
    [['balance', '--mrn', 'M1']],
    [['search', '--db', 'x.sqlite']],
    [['serve', '--db', 'x.sqlite', '--port', '70000']],
    [['frobnicate']],
  ])('bad arguments: %j', async (argv) => {
    const result = await cli(...argv);
    expect(result.code).toBe(EXIT.usage);
    expect(result.err.trim().length).toBeGreaterThan(0);
    expect(result.out).toBe('');
  });

  it('both --mrn and --id', async () => {
    const result = await cli('balance', '--db', db, '--mrn', 'M0000001', '--id', '1');
    expect(result.code).toBe(EXIT.usage);
    oneLine(result.err);
  });

  it('serve before the app is built', async () => {
    const result = await cli('serve', '--db', db);
    expect(result.code).toBe(EXIT.usage);
    expect(result.err).toMatch(/npm run build/);
  });
});

describe('front-desk balance with verdicts (policy)', () => {
  it('adds the verdict and collection history to every item; the total counts collectible items only', async () => {
    for (const mrn of ['M0000001', 'M0000002', 'M0000003', 'M0000004', 'M0000005']) {
      const balance = JSON.parse((await cli('balance', '--db', db, '--mrn', mrn, '--json')).out) as {
        totalDueCents: number;
        items: { openCents: number; verdict: { collectible: boolean; requiredAction: string; allowedActions: string[]; needsApproval: boolean; reasons: { clause: string; text: string }[] }; collection: { statementsSent: number; firstStatementDate: string | null } }[];
      };
      for (const item of balance.items) {
        expect(Object.keys(item.verdict)).toEqual(['collectible', 'requiredAction', 'allowedActions', 'needsApproval', 'reasons']);
        expect(['collect', 'none', 'refund', 'review']).toContain(item.verdict.requiredAction);
        for (const a of item.verdict.allowedActions) expect(['collect', 'carry_forward', 'write_off', 'request_exception', 'refund']).toContain(a);
        expect(item.verdict.reasons.length).toBeGreaterThan(0);
        expect(Object.keys(item.collection)).toEqual(['statementsSent', 'firstStatementDate']);
      }
      expect(balance.totalDueCents).toBe(balance.items.filter((i) => i.verdict.collectible).reduce((sum, i) => sum + i.openCents, 0));
    }
  });
});

describe('front-desk record', () => {
  async function patientWithOpenItems() {
    for (let n = 1; n <= 120; n++) {
      const mrn = `M${String(n).padStart(7, '0')}`;
      const balance = JSON.parse((await cli('balance', '--db', db, '--mrn', mrn, '--json')).out) as {
        totalDueCents: number;
        items: { id: number; openCents: number; verdict: { collectible: boolean; allowedActions: string[] } }[];
      };
      const collectible = balance.items.filter((i) => i.verdict.collectible);
      if (collectible.length >= 2 && balance.totalDueCents >= 3_000) return { mrn, balance, collectible };
    }
    throw new Error('no suitable demo patient');
  }

  it('records a payment and prints the new total; the same --key records once', async () => {
    const { mrn, balance } = await patientWithOpenItems();
    const first = await cli('record', '--db', db, '--mrn', mrn, '--key', 'cli-pay-0001', 'pay', '10.00', '--method', 'card', '--ref', 'AUTH-9');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Recorded \$10\.00 card: \$10\.00 to item \d+\./);
    const again = await cli('record', '--db', db, '--mrn', mrn, '--key', 'cli-pay-0001', '--json', 'pay', '10.00', '--method', 'card', '--ref', 'AUTH-9');
    const after = JSON.parse(again.out) as { result: { amountCents: number }; balance: { totalDueCents: number } };
    expect(after.result.amountCents).toBe(1_000);
    expect(after.balance.totalDueCents).toBe(balance.totalDueCents - 1_000);
  });

  it('requests a write-off and refuses a direct second request, naming the rule', async () => {
    const { mrn, collectible } = await patientWithOpenItems();
    const item = String(collectible[0]!.id);
    const ok = await cli('record', '--db', db, '--mrn', mrn, 'request-write-off', '--item', item, '--reason', 'Patient disputes the charge');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/waits for a manager/);
    const again = await cli('record', '--db', db, '--mrn', mrn, 'request-write-off', '--item', item, '--reason', 'Again');
    expect(again.code).toBe(EXIT.notFoundOrRefused);
    expect(again.err).toMatch(/already waiting for a manager/);
  });

  it('refuses a carry-forward the policy does not allow, with the clause, exit 1', async () => {
    const { mrn, collectible } = await patientWithOpenItems();
    const result = await cli('record', '--db', db, '--mrn', mrn, 'carry-forward', '--item', String(collectible[0]!.id));
    expect(result.code).toBe(EXIT.notFoundOrRefused);
    expect(result.err).toMatch(/^front-desk: .*cannot be carried forward.*\(2\.[12] /);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['pay', '0', '--method', 'cash'], /more than \$0\.00/],
    [['pay', '-5', '--method', 'cash'], /more than \$0\.00/],
    [['pay', '12.345', '--method', 'cash'], /not an amount/],
    [['pay', 'ten', '--method', 'cash'], /not an amount/],
    [['pay', '10', '--method', 'check'], /check needs its number/],
    [['pay', '10', '--method', 'iou'], /cash, check or card/],
  ])('rejects bad payments %j', async (args, message) => {
    const result = await cli('record', '--db', db, '--mrn', 'M0000001', ...args);
    expect(result.code).toBe(EXIT.usage);
    expect(result.err).toMatch(message);
  });

  it('refuses an item of another patient', async () => {
    const { mrn, collectible } = await patientWithOpenItems();
    const someoneElse = mrn === 'M0000001' ? 'M0000002' : 'M0000001';
    const result = await cli('record', '--db', db, '--mrn', someoneElse, 'carry-forward', '--item', String(collectible[0]!.id));
    expect(result.code).toBe(EXIT.notFoundOrRefused);
    expect(result.err).toMatch(/belongs to another patient/);
  });
});
