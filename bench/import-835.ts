/**
 * Issue 4 benchmark: importing a generated 835 (1,000,000 service lines by default)
 * next to a direct insert of the same rows, and the peak memory at two sizes
 * (flat means streamed, not loaded whole).
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { openDatabase } from '../core/db/connection';
import { generate835 } from '../core/sync/x12/generate-835';
import { inChildProcess } from './child';
import type { Timed } from './direct-copy';
import { importedRows } from './direct-copy';
import { CPU_NOTE, ratioRow, table } from './stats';

const LINES_PER_CLAIM = 4;

async function writeFile(file: string, lines: number): Promise<void> {
  const out = createWriteStream(file);
  for (const chunk of generate835({ claims: Math.ceil(lines / LINES_PER_CLAIM), linesPerClaim: LINES_PER_CLAIM, seed: 7 })) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function importOnce(dir: string, lines: number) {
  const file = join(dir, `remit-${lines}.835`);
  await writeFile(file, lines);
  const dbFile = join(dir, `import-${lines}.sqlite`);
  const { seconds, cpuSeconds, peakMiB } = await inChildProcess<{ seconds: number; cpuSeconds: number; peakMiB: number }>(join(import.meta.dirname, 'import-835-step.ts'), [file, dbFile]);
  const db = openDatabase(dbFile);
  const rows = importedRows(db);
  db.close();
  const direct = await inChildProcess<Timed>(join(import.meta.dirname, 'direct-step.ts'), [dbFile, `import-${lines}`]);
  return { lines, seconds, cpuSeconds, rows, peakMiB, direct };
}

export async function runImport835Bench(dir: string, lines = Number(process.env.BENCH_835_LINES ?? 1_000_000)): Promise<void> {
  console.log(`\nX12 835 import (generated, ${LINES_PER_CLAIM} service lines per claim; target >= 50% of the direct insert rate, memory flat as the input grows)`);
  const rows = [['service lines', 'import s (CPU s)', 'direct s (CPU s)', 'rows written', 'import rows/s', 'direct rows/s', 'ratio', 'peak RSS (import process)']];
  for (const size of [Math.round(lines / 4), lines]) {
    rows.push(ratioRow(size, await importOnce(dir, size)));
  }
  console.log(table(rows));
  console.log(CPU_NOTE);
}
