/** `front-desk import`: files from the main system, each imported whole or refused whole. */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Db } from '../db/connection';
import { verifyStore } from '../audit/verify';
import { exportOutboxCsv } from '../sync/csv/export-outbox';
import { detectFormat } from '../sync/formats';
import type { ImportSummary } from '../sync/import-file';
import { importFile } from '../sync/import-file';
import { ImportRefusal } from '../sync/source';
import type { CliIo } from './commands';
import { openStore } from './commands';
import { CliError, EXIT } from './exit-codes';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describeStats(summary: ImportSummary): string {
  const s = summary.stats;
  const parts = [`${plural(s.created, 'claim')} imported`, `${s.updated} updated`, `${s.unchanged} already up to date (skipped)`, `${plural(s.patients, 'new patient')}`, `${s.quarantined} quarantined`];
  if (s.conflicts) parts.push(`${plural(s.conflicts, 'conflict')} for review`);
  return parts.join(', ');
}

async function importOne(io: CliIo, db: Db, file: string): Promise<ImportSummary> {
  let format;
  try {
    format = detectFormat(file);
  } catch (error) {
    if (error instanceof ImportRefusal) return { file, status: 'refused', message: error.message, stats: { created: 0, updated: 0, unchanged: 0, patients: 0, quarantined: 0, conflicts: 0 } };
    throw error;
  }
  let lastShown = 0;
  return importFile({
    db,
    clock: io.clock,
    file,
    parser: format.parser,
    source: format.source,
    onProgress: (read, total) => {
      const percent = total ? Math.floor((read / total) * 100) : 100;
      if (total > 1_000_000 && percent >= lastShown + 10) {
        lastShown = percent;
        io.err(`  ${basename(file)}: ${percent}% (${(read / 1_048_576).toFixed(0)} of ${(total / 1_048_576).toFixed(0)} MiB)`);
      }
    },
  });
}

export async function importCommand(io: CliIo, options: { db: string; files: string[]; json: boolean }): Promise<void> {
  const missing = options.files.filter((f) => !existsSync(f));
  if (missing.length) throw new CliError(EXIT.usage, `No such file: ${missing.join(', ')}`);
  const db = openStore(options.db);
  const summaries: ImportSummary[] = [];
  try {
    for (const file of options.files) {
      const summary = await importOne(io, db, file);
      summaries.push(summary);
      io.err(summary.status === 'imported' ? `${file}: ${describeStats(summary)}.` : `${file}: refused — ${summary.message}. Nothing of it was written.`);
    }
  } finally {
    db.close();
  }
  if (options.json) io.out(JSON.stringify(summaries, null, 2));
  const refused = summaries.filter((s) => s.status === 'refused').length;
  if (refused) throw new CliError(EXIT.notFoundOrRefused, `${refused} of ${summaries.length} files refused.`);
}

export function exportOutboxCommand(io: CliIo, options: { db: string; out: string }): void {
  const db = openStore(options.db);
  try {
    const written = exportOutboxCsv(db, options.out, io.clock.now().toISOString());
    io.err(`Wrote ${written} change${written === 1 ? '' : 's'} for the main system to ${options.out}.`);
  } finally {
    db.close();
  }
}

export function verifyCommand(io: CliIo, options: { db: string }): void {
  const db = openStore(options.db);
  try {
    const report = verifyStore(db);
    if (report.broken) throw new CliError(EXIT.notFoundOrRefused, report.broken);
    io.out(`Audit trail intact (${report.auditRecords} records); ledger consistent (${report.ledgerEntries} entries).`);
  } finally {
    db.close();
  }
}
