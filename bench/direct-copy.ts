/**
 * The yardstick for import speed: the same rows the import wrote, inserted
 * directly with better-sqlite3 prepared statements in one transaction into a
 * fresh store opened the same way (same schema and indexes, foreign keys
 * checked as the import's store checks them). Tables are copied parents first,
 * each in the order the import created its rows; only the inserts and the
 * commit are timed (each table's rows are read before its inserts start, and
 * let go after, so the yardstick never runs with the whole data set on its heap).
 */
import { join } from 'node:path';
import type { Db } from '../core/db/connection';
import { openDatabase } from '../core/db/connection';

/** Parents before children, so every foreign key finds its row. */
export const IMPORTED_TABLES = ['patients', 'patient_identifiers', 'patient_search_terms', 'coverages', 'appointments', 'claims', 'claim_lines', 'claim_adjustments', 'patient_items', 'ledger_entries'];

export interface Timed {
  rows: number;
  seconds: number;
  /** CPU seconds of this process over the same spans (a busy machine shows as seconds well above these). */
  cpuSeconds: number;
}

export function directInsertSeconds(source: Db, dir: string, name: string): Timed {
  const target = openDatabase(join(dir, `${name}-direct.sqlite`), { create: true });
  let rows = 0;
  let seconds = 0;
  let cpu = 0;
  const timed = (work: () => void) => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    work();
    seconds += (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpuBefore);
    cpu += (used.user + used.system) / 1e6;
  };
  timed(() => target.exec('BEGIN'));
  for (const table of IMPORTED_TABLES) {
    const columns = (source.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
    // Rows in the order the import created them (tables keyed by text would otherwise come back sorted,
    // which no real insert stream is).
    const order = columns.includes('id') ? 'id' : 'patient_id';
    const list = source.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${order}`).raw(true).all() as unknown[][];
    const write = target.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    timed(() => {
      for (const row of list) write.run(...row);
    });
    rows += list.length;
  }
  timed(() => target.exec('COMMIT'));
  target.close();
  return { rows, seconds, cpuSeconds: cpu };
}

export function importedRows(db: Db): number {
  return IMPORTED_TABLES.reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, 0);
}

/**
 * Runs `work` and measures it: wall seconds, CPU seconds of the whole process (worker threads included),
 * and the process's peak RSS in MiB as the kernel counts it (its high-water mark, so a peak between two
 * samples is never missed; the step runs in a process of its own, so the peak is the step's).
 */
export async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number; peakMiB: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}
