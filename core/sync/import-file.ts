/**
 * Imports one file from the main system: streamed through its parser, applied
 * in ONE transaction (a refused file leaves nothing behind), each claim inside
 * a savepoint so a record that cannot be stored is quarantined with the reason
 * while the rest applies. Progress is reported by bytes read.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { sql } from '../db/statements';
import { recordAudit } from '../ledger/journal';
import { recordSync } from '../settings/queries';
import { applyClaim, applyPatient } from './apply-claim';
import { quarantine } from './quarantine';
import type { RecordParser } from './source';
import { ImportRefusal } from './source';
import type { SyncStats } from '../../shared/sync';
import { emptyStats, finishRun, startRun } from './sync-log';

export interface ImportSummary {
  file: string;
  status: 'imported' | 'refused';
  stats: SyncStats;
  /** Why the file was refused: file, place, problem. */
  message?: string;
}

export interface ImportOptions {
  db: Db;
  clock: Clock;
  file: string;
  parser: RecordParser;
  /** Recorded on claims, ledger entries and the sync log: e.g. 'x12-835'. */
  source: string;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

async function* readChunks(file: string, onBytes: (n: number) => void): AsyncGenerator<string> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    onBytes(Buffer.byteLength(chunk));
    yield chunk;
  }
}

export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const { db, clock, source } = options;
  const name = basename(options.file);
  const at = clock.now().toISOString();
  const total = statSync(options.file).size;
  let read = 0;
  const stats = emptyStats();
  const runId = startRun(db, `${source}:${name}`, 'import', at);
  const ctx = { db, source, at };
  db.exec('BEGIN IMMEDIATE');
  try {
    const chunks = readChunks(options.file, (n) => {
      read += n;
      options.onProgress?.(read, total);
    });
    let index = 0;
    for await (const record of options.parser(chunks, name)) {
      index += 1;
      if (record.kind === 'rejected') {
        quarantine(db, `${source}:${name}`, record.rejected, at);
        stats.quarantined += 1;
        continue;
      }
      sql(db, 'SAVEPOINT record').run();
      try {
        if (record.kind === 'patient') {
          if (applyPatient(ctx, record.patient, record.coverage).created) stats.patients += 1;
        } else {
          const result = applyClaim(ctx, record.claim);
          stats[result.outcome] += 1;
          stats.conflicts += result.conflicts;
          if (result.patientCreated) stats.patients += 1;
        }
        sql(db, 'RELEASE record').run();
      } catch (error) {
        sql(db, 'ROLLBACK TO record').run();
        sql(db, 'RELEASE record').run();
        const location = record.kind === 'claim' ? `claim ${record.claim.claimNumber}` : `record ${index}`;
        quarantine(db, `${source}:${name}`, { location, reason: error instanceof Error ? error.message : String(error), raw: JSON.stringify(record) }, at);
        stats.quarantined += 1;
      }
    }
    recordSync(db, source, at);
    recordAudit(db, { at, actor: `sync:${source}`, action: 'sync.imported', patientId: null, entity: 'sync_run', entityId: runId, policyVersion: null, detail: { file: name, ...stats } });
    db.exec('COMMIT');
    finishRun(db, runId, clock.now().toISOString(), { ok: true, stats });
    return { file: options.file, status: 'imported', stats };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    const message = error instanceof Error ? error.message : String(error);
    finishRun(db, runId, clock.now().toISOString(), { ok: false, stats: emptyStats(), error: message });
    if (error instanceof ImportRefusal) return { file: options.file, status: 'refused', stats: emptyStats(), message };
    throw error;
  }
}
