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
