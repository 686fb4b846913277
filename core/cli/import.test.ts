import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock';
import { TEST_TODAY, tempDir } from '../testing/temp-db';
import { EXIT } from './exit-codes';
import { runCli } from './program';

const CORPUS = resolve(__dirname, '../../../shared/corpus');
const haveCorpus = existsSync(CORPUS);
if (!haveCorpus && process.env.CI === 'true') throw new Error(`The test corpus is missing at ${CORPUS}: CI runs beside ../shared.`);
if (!haveCorpus) console.warn(`Skipping corpus imports: ${CORPUS} is absent (a clone without ../shared).`);

let dir: ReturnType<typeof tempDir>;
let db: string;
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), clock: fixedClock(`${TEST_TODAY}T10:00:00`), actor: 'cli-test', staticDir: dir.dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = tempDir();
  db = join(dir.dir, 'store.sqlite');
  expect((await cli('demo', '--db', db, '--patients', '10')).code).toBe(0);
});
afterAll(() => dir.cleanup());

const files = (sub: string): string[] =>
  readdirSync(join(CORPUS, sub), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();

describe.runIf(haveCorpus)('front-desk import on the corpus', () => {
  it('imports every X12 835 file or refuses it precisely, writing nothing of a refused file', async () => {
    const result = await cli('import', '--db', db, '--json', ...files('x12-835'));
    const summaries = JSON.parse(result.out) as { file: string; status: string; message?: string }[];
    expect(summaries).toHaveLength(files('x12-835').length);
    const refused = summaries.filter((s) => s.status === 'refused');
    expect(refused.map((s) => s.message)).toEqual([
      expect.stringMatching(/^blue_cross_nc_sample\.txt: segment 32 \(SE\): /),
      expect.stringMatching(/^sample_835_with_interests\.txt: segment 23 \(CAS\): CAS01 group code 'grp_code'/),
      expect.stringMatching(/^tertiary-payment\.835: segment 20 \(SVC\): /),
    ]);
    expect(result.code).toBe(EXIT.notFoundOrRefused);
    expect(result.err).toMatch(/3 of 16 files refused/);
  });

  it('imports every FHIR corpus file (wrong resource types quarantined, not dropped)', async () => {
    const result = await cli('import', '--db', db, '--json', ...files('fhir-eob'));
    expect(result.code).toBe(EXIT.ok);
    const summaries = JSON.parse(result.out) as { status: string; stats: { created: number; quarantined: number } }[];
    expect(summaries.every((s) => s.status === 'imported')).toBe(true);
    expect(summaries.reduce((n, s) => n + s.stats.created, 0)).toBeGreaterThan(100);
    expect(summaries.reduce((n, s) => n + s.stats.quarantined, 0)).toBeGreaterThan(0);
  });

  it('doubles nothing on a second import of the same files', async () => {
    const { default: Database } = await import('better-sqlite3');
    const counts = () => {
      const raw = new Database(db, { readonly: true });
      const n = ['patients', 'claims', 'claim_lines', 'patient_items'].map((t) => (raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);
      raw.close();
      return n;
    };
    const before = counts();
    const result = await cli('import', '--db', db, '--json', ...files('fhir-eob'));
    const summaries = JSON.parse(result.out) as { stats: { created: number; updated: number } }[];
    expect(summaries.reduce((n, s) => n + s.stats.created, 0)).toBe(0);
    // Only the BFD carrier EOB differs between the two files that carry it; the last one read wins.
    expect(summaries.reduce((n, s) => n + s.stats.updated, 0)).toBeLessThanOrEqual(2);
    expect(counts()).toEqual(before);
  });
});

describe('front-desk import: bad input', () => {
  it('refuses an unknown format and a truncated 835, naming the place', async () => {
    const text = join(dir.dir, 'notes.txt');
    writeFileSync(text, 'hello');
    const truncated = join(dir.dir, 'cut.835');
    writeFileSync(truncated, 'ISA*00*          *00*          *ZZ*A              *ZZ*B              *260101*1200*^*00501*000000001*0*P*:~GS*HP*A*B*20260101*1200*1*X*005010X221A1~ST*835*0001~BPR*I*10*C*CHK');
    const result = await cli('import', '--db', db, text, truncated);
    expect(result.code).toBe(EXIT.notFoundOrRefused);
    expect(result.err).toMatch(/notes\.txt: refused — notes\.txt: byte 1: not an X12 835/);
    expect(result.err).toMatch(/cut\.835: refused — cut\.835: segment \d+ \(BPR\): /);
  });

  it('says which file does not exist', async () => {
    const result = await cli('import', '--db', db, join(dir.dir, 'nope.835'));
    expect(result.code).toBe(EXIT.usage);
    expect(result.err).toMatch(/No such file: .*nope\.835/);
  });
});

describe('front-desk export-outbox', () => {
  it('writes what waits for the main system, once', async () => {
    const out = join(dir.dir, 'outbox.csv');
    const first = await cli('record', '--db', db, '--mrn', 'M0000001', 'pay', '5', '--method', 'cash');
    expect(first.code).toBe(0);
    const result = await cli('export-outbox', '--db', db, '--out', out);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/Wrote 1 change for the main system/);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('idempotency_key,created_at,kind,mrn,item_id,amount_cents,method,reference,rule,statement_by,reason,policy_version,payload_json');
    expect((await cli('export-outbox', '--db', db, '--out', join(dir.dir, 'again.csv'))).err).toMatch(/Wrote 0 changes/);
  });
});

describe('front-desk verify', () => {
  it('reports an intact store, and names the first broken record after tampering', async () => {
    const ok = await cli('verify', '--db', db);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^Audit trail intact \(\d+ records\); ledger consistent/);
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(db);
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{}' WHERE id = (SELECT min(id) FROM audit_log)");
    const first = (raw.prepare('SELECT min(id) AS id FROM audit_log').get() as { id: number }).id;
    raw.close();
    const broken = await cli('verify', '--db', db);
    expect(broken.code).toBe(EXIT.notFoundOrRefused);
    expect(broken.err).toBe(`front-desk: Audit record ${first}: its contents changed after it was written.`);
  });
});

describe('front-desk report', () => {
  it('prints each report as CSV, and refuses an unknown one', async () => {
    const writeOffs = await cli('report', '--db', db, 'write-offs', '--csv');
    expect(writeOffs.code).toBe(0);
    expect(writeOffs.out.split('\n')[0]).toBe('month,rule,count,amount_cents');
    const consistency = await cli('report', '--db', db, 'consistency', '--csv', '--from', '2020-01-01', '--to', '2026-12-31');
    expect(consistency.out.split('\n')[0]).toBe('dimension,group,items,charged_cents,written_off_cents,write_off_rate_pct,exception_requests,exception_rate_pct,flag');
    expect(consistency.out).toMatch(/^all,all patients,\d+,/m);
    const text = await cli('report', '--db', db, 'carried-forward');
    expect(text.out).toMatch(/^Carried-forward balances by age/);
    const unknown = await cli('report', '--db', db, 'favorites');
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.err).toMatch(/must be one of write-offs, carried-forward, collection-effort, consistency/);
  });
});

describe('front-desk pending', () => {
  it('lists the queue as JSON', async () => {
    const result = await cli('pending', '--db', db, '--json');
    expect(result.code).toBe(0);
    const queue = JSON.parse(result.out) as { kind: string }[];
    expect(Array.isArray(queue)).toBe(true);
    for (const entry of queue) expect(['write_off_request', 'hardship_application', 'carry_forward_ended', 'bad_debt_candidate', 'sync_conflict', 'quarantined']).toContain(entry.kind);
    expect(queue.some((e) => e.kind === 'quarantined')).toBe(haveCorpus);
  });
});
