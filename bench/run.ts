/**
 * `npm run bench`: prints the figures the issues set targets for. Not a test: read the numbers.
 * BENCH_ONLY=search,balance,x12,fhir,manager picks sections; BENCH_PATIENTS, BENCH_835_LINES,
 * BENCH_FHIR_PATIENTS and BENCH_MANAGER_PATIENTS scale them down for a quick run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBalanceBench } from './balance';
import { runFhirSyncBench } from './fhir-sync';
import { runImport835Bench } from './import-835';
import { runManagerBench } from './manager';
import { buildPractice, runSearchBench } from './search';

const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 200_000);

const only = new Set((process.env.BENCH_ONLY ?? 'search,balance,x12,fhir,manager').split(','));

const dir = mkdtempSync(join(tmpdir(), 'front-desk-bench-'));
try {
  console.log(`Front Desk Balances benchmarks — Node ${process.version}, ${cpus().length} cores`);
  if (only.has('search')) {
    console.log(`\nDemo generation: ${PATIENTS.toLocaleString('en-US')} patients (target < 60 s)`);
    const { db, seconds } = buildPractice(dir, PATIENTS);
    console.log(`  ${seconds.toFixed(1)} s (${Math.round(PATIENTS / seconds).toLocaleString('en-US')} patients/s)`);
    runSearchBench(db);
    db.close();
  }
  if (only.has('balance')) runBalanceBench(dir);
  if (only.has('x12')) await runImport835Bench(dir);
  if (only.has('fhir')) await runFhirSyncBench(dir);
  if (only.has('manager')) runManagerBench(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
