/**
 * Issue 4 benchmarks against the reference main system (FHIR R4 on loopback):
 * a full sync (200,000 patients by default, twice) next to a direct insert of
 * the same rows, with peak memory at two sizes; and an incremental sync of
 * 1,000 changed items (target < 1 s).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ExplanationOfBenefit } from '@medplum/fhirtypes';
import { openDatabase } from '../core/db/connection';
import { pullUpdates } from '../core/sync/fhir-sync/pull';
import { startReferenceServer } from '../core/sync/reference-server/server';
import { inChildProcess } from './child';
import { processTreeCpuSeconds } from './process-cpu';
import type { Timed } from './direct-copy';
import { importedRows } from './direct-copy';
import { BENCH_TODAY } from './search';
import { CPU_NOTE, ms, ratioRow, table } from './stats';

const now = () => new Date(`${BENCH_TODAY}T12:00:00Z`);

/** The reference server in its own process (a 200,000-patient seed needs several GB of heap). */
async function serverProcess(patients: number): Promise<{ baseUrl: string; cpuSeconds(): number | null; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'core/sync/reference-server/main.ts', '--patients', String(patients), '--port', '0', '--today', BENCH_TODAY], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  child.stdout!.resume();
  return {
    baseUrl: line.trim(),
    cpuSeconds: () => processTreeCpuSeconds(child.pid!),
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * `runs` syncs of `patients` from one seeded server, each followed by the direct insert of the rows it wrote.
 * Every pair is its own row: the machine's speed drifts by a third within minutes, and one busy moment then
 * shows as spread between the runs instead of being taken for the result.
 */
async function fullSyncs(dir: string, patients: number, runs: number) {
  process.stderr.write(`  seeding the reference server with ${patients.toLocaleString('en-US')} patients...\n`);
  const server = await serverProcess(patients);
  try {
    const results = [];
    for (let run = 1; run <= runs; run++) {
      const name = `fhir-${patients}-${run}`;
      const dbFile = join(dir, `${name}.sqlite`);
      const serverBefore = server.cpuSeconds();
      const { seconds, cpuSeconds, peakMiB } = await inChildProcess<{ seconds: number; cpuSeconds: number; peakMiB: number }>(join(import.meta.dirname, 'fhir-pull-step.ts'), [server.baseUrl, dbFile, BENCH_TODAY]);
      const serverAfter = server.cpuSeconds();
      const serverCpuSeconds = serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore;
      const db = openDatabase(dbFile);
      const rows = importedRows(db);
      db.close();
      const direct = await inChildProcess<Timed>(join(import.meta.dirname, 'direct-step.ts'), [dbFile, name]);
      results.push({ patients, run, seconds, cpuSeconds, rows, peakMiB, direct, serverCpuSeconds });
    }
    return results;
  } finally {
    await server.stop();
  }
}

async function incrementalSync(dir: string, patients: number, changed: number) {
  const server = await startReferenceServer({ patients, seed: 3, today: BENCH_TODAY });
  try {
    const db = openDatabase(join(dir, 'incremental.sqlite'), { create: true });
    await pullUpdates(db, server.baseUrl, now);
    const eobs = (await server.repository.searchResources<ExplanationOfBenefit>({ resourceType: 'ExplanationOfBenefit', count: changed } as never)).slice(0, changed);
    for (const eob of eobs) {
      for (const item of eob.item ?? []) for (const a of item.adjudication ?? []) if (a.amount?.value !== undefined && a.category?.coding?.some((c) => c.code === 'coinsurance')) a.amount.value += 1;
      await server.repository.updateResource({ ...eob, created: BENCH_TODAY });
    }
    const started = performance.now();
    const stats = await pullUpdates(db, server.baseUrl, now);
    const elapsed = performance.now() - started;
    db.close();
    return { changed: eobs.length, elapsed, stats };
  } finally {
    await server.close();
  }
}

export async function runFhirSyncBench(dir: string, patients = Number(process.env.BENCH_FHIR_PATIENTS ?? 200_000)): Promise<void> {
  console.log(`\nFull FHIR sync from the reference main system (target >= 50% of the direct insert rate, memory flat as the input grows)`);
  const rows = [['patients', 'sync s (CPU s)', 'direct s (CPU s)', 'rows written', 'sync rows/s', 'direct rows/s', 'ratio', 'peak RSS (client)']];
  const serverCpu: string[] = [];
  // The target size twice (sync, direct, sync, direct); the smaller one, for the memory comparison, once.
  for (const [size, runs] of [[Math.round(patients / 4), 1], [patients, 2]] as const) {
    for (const result of await fullSyncs(dir, size, runs)) {
      const label = runs > 1 ? `${size.toLocaleString('en-US')} (run ${result.run})` : size.toLocaleString('en-US');
      rows.push(ratioRow(label, result));
      if (result.serverCpuSeconds !== null) serverCpu.push(`${label} ${result.serverCpuSeconds.toFixed(1)} s`);
    }
  }
  console.log(table(rows));
  console.log(CPU_NOTE);
  if (serverCpu.length) console.log(`  The reference server (its own process, on the same cores) used CPU during each sync (patients): ${serverCpu.join(', ')}.`);
  const inc = await incrementalSync(dir, 5_000, 1_000);
  console.log(`\nIncremental sync of ${inc.changed.toLocaleString('en-US')} changed claims (5,000-patient main system; target < 1 s): ${ms(inc.elapsed)} (${inc.stats.updated} updated, ${inc.stats.conflicts} conflicts)`);
}
