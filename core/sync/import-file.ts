/**
 * Imports one file from the main system: streamed through its parser, applied
 * in ONE transaction (a refused file leaves nothing behind), in batches of
 * records under a savepoint (apply-batch.ts) so a record that cannot be stored
 * is quarantined alone with the reason while the rest applies. The file is
 * read and parsed by the sync worker meanwhile (worker/), so parsing and
 * writing share the machine's cores. Progress is reported by bytes read.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { recordAudit } from '../ledger/journal';
import { recordSync } from '../settings/queries';
import type { ApplyContext } from './apply-claim';
import { applyClaim, applyPatient } from './apply-claim';
import { BATCH_SIZE, applyBatch } from './apply-batch';
import { PatientCache } from './patient-cache';
import { quarantine } from './quarantine';
import type { FileFormat } from './formats';
import { PARSERS } from './formats';
import { readChunks } from './read-chunks';
import type { ParsedRecord, RecordParser } from './source';
import { ImportRefusal } from './source';
import type { SyncStats } from '../../shared/sync';
import { emptyStats, finishRun, startRun } from './sync-log';
import type { ParsedBatch } from './worker/jobs';
import { startWorkerJob } from './worker/start-worker';

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
  /** Parse in the sync worker (when it can); false: on this thread. Default: in the worker from WORKER_MIN_BYTES on. */
  inWorker?: boolean;
}

interface Numbered {
  record: ParsedRecord;
  /** contentHash of a claim, when the worker computed it. */
  hash: string | null;
  /** 1-based position in the file, for a quarantined record's location. */
  index: number;
}

/** Messages of records the parser worker may send ahead of the ones being applied. */
const WORKER_WINDOW = 4;
/** Smaller files parse in less time than a worker takes to start. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/**
 * The file's records: parsed by the sync worker while this thread writes, when the parser is its source's
 * own (the worker knows those) and a worker can start; else here. Each claim comes with its content hash
 * when the worker computed it.
 */
async function* parsedRecords(options: ImportOptions, name: string, size: number, onBytes: (n: number) => void): AsyncGenerator<{ record: ParsedRecord; hash: string | null }> {
  const source = options.source as FileFormat['source'];
  const wanted = options.inWorker ?? size >= WORKER_MIN_BYTES;
  const stream =
    wanted && PARSERS[source] === options.parser ? await startWorkerJob<ParsedBatch>({ kind: 'parse-file', file: options.file, source, batchSize: BATCH_SIZE }, WORKER_WINDOW) : null;
  if (!stream) {
    for await (const record of options.parser(readChunks(options.file, onBytes), name)) yield { record, hash: null };
    return;
  }
  let reported = 0;
  try {
    for await (const batch of stream) {
      onBytes(batch.bytes - reported);
      reported = batch.bytes;
      for (const [i, record] of batch.records.entries()) yield { record, hash: batch.hashes[i] ?? null };
    }
  } finally {
    await stream.close();
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
  const where = `${source}:${name}`;
  const patients = new PatientCache();
  const ctx: ApplyContext = { db, source, at, patients };
  const apply = ({ record, hash }: Numbered) => {
    if (record.kind === 'rejected') {
      quarantine(db, where, record.rejected, at);
      stats.quarantined += 1;
    } else if (record.kind === 'patient') {
      if (applyPatient(ctx, record.patient, record.coverage).created) stats.patients += 1;
    } else {
      const result = applyClaim(ctx, record.claim, hash ?? undefined);
      stats[result.outcome] += 1;
      stats.conflicts += result.conflicts;
      if (result.patientCreated) stats.patients += 1;
    }
  };
  const quarantineFailed = ({ record, index }: Numbered, error: unknown) => {
    const location = record.kind === 'claim' ? `claim ${record.claim.claimNumber}` : `record ${index}`;
    quarantine(db, where, { location, reason: error instanceof Error ? error.message : String(error), raw: JSON.stringify(record) }, at);
    stats.quarantined += 1;
  };
  db.exec('BEGIN IMMEDIATE');
  try {
    patients.validate(db);
    const records = parsedRecords(options, name, total, (n) => {
      read += n;
      options.onProgress?.(read, total);
    });
    let index = 0;
    let batch: Numbered[] = [];
    for await (const { record, hash } of records) {
      batch.push({ record, hash, index: ++index });
      if (batch.length === BATCH_SIZE) {
        applyBatch({ db, stats, patients }, batch, apply, quarantineFailed);
        batch = [];
      }
    }
    applyBatch({ db, stats, patients }, batch, apply, quarantineFailed);
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
