/**
 * The yardstick for import speed: the same rows the import wrote, inserted
 * directly with better-sqlite3 prepared statements in one transaction into a
 * fresh store with the same schema (indexes included).
 */
import { join } from 'node:path';
import type { Db } from '../core/db/connection';
import { openDatabase } from '../core/db/connection';

export const IMPORTED_TABLES = ['patients', 'patient_identifiers', 'patient_search_terms', 'coverages', 'appointments', 'claims', 'claim_lines', 'claim_adjustments', 'patient_items', 'ledger_entries'];

export function directInsertSeconds(source: Db, dir: string, name: string): { rows: number; seconds: number } {
  const target = openDatabase(join(dir, `${name}-direct.sqlite`), { create: true });
  target.pragma('foreign_keys = OFF'); // rows are copied table by table, parents not always first
  const plans = IMPORTED_TABLES.map((table) => {
    const columns = (source.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
    // Rows in the order the import created them (tables keyed by text would otherwise come back sorted,
    // which no real insert stream is).
    const order = columns.includes('id') ? 'id' : 'patient_id';
    return { table, read: source.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${order}`).raw(true), write: target.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`) };
  });
  // Read everything first: only the inserts are timed.
  const data = plans.map((plan) => ({ plan, rows: plan.read.all() as unknown[][] }));
  const rows = data.reduce((n, d) => n + d.rows.length, 0);
  const started = performance.now();
  target.transaction(() => {
    for (const { plan, rows: list } of data) for (const row of list) plan.write.run(...row);
  })();
  const seconds = (performance.now() - started) / 1000;
  target.close();
  return { rows, seconds };
}

export function importedRows(db: Db): number {
  return IMPORTED_TABLES.reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, 0);
}

/** Samples RSS while `work` runs: the peak, in MiB. */
export async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMiB: Math.round(peak / 1_048_576) };
  } finally {
    clearInterval(timer);
  }
}
