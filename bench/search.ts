/**
 * Issue 2 benchmark: builds a 200,000-patient demo practice and measures patient search
 * through the core's search function next to the same SQL run directly on the same database.
 * Targets: generation < 60 s on 2 cores; search p95 <= 5 ms and <= 2x the direct SQL.
 */
import { join } from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../core/db/connection';
import { openDatabase } from '../core/db/connection';
import { seedDemoPractice } from '../core/demo/seed';
import { searchPatients, searchSql } from '../core/patients/queries';
import { prefixUpperBound, queryPrefixes } from '../shared/search-terms';
import { ms, peakRssMiB, table, time } from './stats';

export const BENCH_TODAY = '2026-11-22';

export function buildPractice(dir: string, patients: number): { db: Db; seconds: number } {
  const db = openDatabase(join(dir, 'bench.sqlite'), { create: true });
  const started = performance.now();
  let last = 0;
  seedDemoPractice(db, {
    patients,
    seed: 1,
    today: BENCH_TODAY,
    onProgress: (done, total) => {
      if (done - last >= total / 10 || done === total) {
        process.stderr.write(`  generated ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} patients\n`);
        last = done;
      }
    },
  });
  return { db, seconds: (performance.now() - started) / 1000 };
}

interface Sample {
  family_name: string;
  given_name: string;
  dob: string;
  mrn: string;
}

/** Typical desk queries, drawn from real rows of the practice (deterministic sample). */
function deskQueries(db: Db, count: number): Record<string, string[]> {
  const rows = db.prepare('SELECT family_name, given_name, dob, mrn FROM patients WHERE id % 397 = 0 ORDER BY id LIMIT ?').all(count) as Sample[];
  const word = (name: string) => name.split(/[\s-]/)[0]!;
  return {
    'partial last name': rows.map((r) => word(r.family_name).slice(0, 4)),
    'first + last name': rows.map((r) => `${word(r.given_name)} ${word(r.family_name)}`),
    'date of birth': rows.map((r) => `${r.dob.slice(5, 7)}/${r.dob.slice(8, 10)}/${r.dob.slice(0, 4)}`),
    MRN: rows.map((r) => r.mrn),
  };
}

export function runSearchBench(db: Db): void {
  const queries = deskQueries(db, 500);
  const direct = new Map<number, Statement<unknown[]>>();
  const directSearch = (query: string) => {
    // The same statement the core runs, with the prefixes worked out ahead: only SQLite is timed.
    const prefixes = queryPrefixes(query);
    let statement = direct.get(prefixes.length);
    if (!statement) direct.set(prefixes.length, (statement = db.prepare(searchSql(prefixes.length))));
    const params = prefixes.flatMap((p) => [p, prefixUpperBound(p)]);
    return () => statement.all(...params, 50);
  };
  const rows = [['query kind', 'core p50', 'core p95', 'direct SQL p50', 'direct SQL p95', 'ratio p95']];
  for (const [kind, list] of Object.entries(queries)) {
    const core = time(list, (q) => searchPatients(db, q));
    const prepared = list.map(directSearch);
    const sql = time(prepared, (run) => run());
    rows.push([kind, ms(core.p50), ms(core.p95), ms(sql.p50), ms(sql.p95), `${(core.p95 / sql.p95).toFixed(2)}x`]);
  }
  console.log(`\nPatient search (${queries.MRN!.length} queries of each kind; target p95 <= 5 ms and <= 2x direct SQL)`);
  console.log(table(rows));
  console.log(`peak RSS so far: ${peakRssMiB()}`);
}
