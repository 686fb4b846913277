/** `npm run bench`: prints the figures the issues set targets for. Not a test: read the numbers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBalanceBench } from './balance';
import { buildPractice, runSearchBench } from './search';

const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 200_000);

const dir = mkdtempSync(join(tmpdir(), 'front-desk-bench-'));
try {
  console.log(`Front Desk Balances benchmarks — Node ${process.version}, ${cpus().length} cores`);
  console.log(`\nDemo generation: ${PATIENTS.toLocaleString('en-US')} patients (target < 60 s)`);
  const { db, seconds } = buildPractice(dir, PATIENTS);
  console.log(`  ${seconds.toFixed(1)} s (${Math.round(PATIENTS / seconds).toLocaleString('en-US')} patients/s)`);
  runSearchBench(db);
  db.close();
  runBalanceBench(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
