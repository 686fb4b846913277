/**
 * Issue 3 benchmark: the time to compute one patient's balance with the
 * policy's verdicts, for patients with ten years of history. Target: p95 <= 2 ms.
 */
import { join } from 'node:path';
import { getPatientBalance } from '../core/balances/patient-balance';
import { fixedClock } from '../core/clock';
import { openDatabase } from '../core/db/connection';
import { seedDemoPractice } from '../core/demo/seed';
import { BENCH_TODAY } from './search';
import { ms, table, time } from './stats';

export function runBalanceBench(dir: string, patients = 2_000): void {
  const db = openDatabase(join(dir, 'history.sqlite'), { create: true });
  seedDemoPractice(db, { patients, seed: 2, today: BENCH_TODAY, historyDays: 3_650 });
  const clock = fixedClock(`${BENCH_TODAY}T12:00:00`);
  const ids = (db.prepare('SELECT id FROM patients ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const items = ids.map((id) => (db.prepare('SELECT count(*) AS n FROM patient_items WHERE patient_id = ?').get(id) as { n: number }).n).sort((a, b) => a - b);
  const all = time(ids, (id) => getPatientBalance(db, clock, id));
  const busiest = (db.prepare('SELECT patient_id FROM patient_items GROUP BY patient_id ORDER BY count(*) DESC LIMIT 100').all() as { patient_id: number }[]).map((r) => r.patient_id);
  const top = time(busiest, (id) => getPatientBalance(db, clock, id));
  console.log(`\nBalance with verdicts, 10 years of history (${patients.toLocaleString('en-US')} patients; items per patient: median ${items[items.length >> 1]}, max ${items.at(-1)}; target p95 <= 2 ms)`);
  console.log(
    table([
      ['patients', 'p50', 'p95', 'max'],
      [`all ${ids.length}`, ms(all.p50), ms(all.p95), ms(all.max)],
      ['100 with the most items', ms(top.p50), ms(top.p95), ms(top.max)],
    ]),
  );
  db.close();
}
