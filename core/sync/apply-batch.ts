/**
 * Applies records from the main system many at a time: a batch runs under ONE savepoint, and only when
 * one of its records fails is the batch rolled back and applied again one record per savepoint. The
 * replay starts from the state the batch started from, so it ends exactly as if every record had had
 * its own savepoint from the start: each record that fails is quarantined alone, the rest apply.
 * (A savepoint costs a journal copy of every page it touches: once per page per batch instead of once
 * per page per record. Measured on an 835 import: a third less CPU.)
 */
import type { SyncStats } from '../../shared/sync';
import type { Db } from '../db/connection';
import { sql } from '../db/statements';
import type { PatientCache } from './patient-cache';

/** Records per savepoint: larger batches gained nothing measurable, and hold more records in memory. */
export const BATCH_SIZE = 100;

export interface BatchState {
  db: Db;
  /** What `apply` counts; put back as it was when its work is rolled back. */
  stats: SyncStats;
  /** Forgotten on every rollback: what it learnt there may be undone. */
  patients?: PatientCache;
}

/**
 * `apply` stores one item (throwing when it cannot); `quarantine` records one that failed, with the
 * error, outside any savepoint of its own. Errors that end the transaction itself (the disk is full)
 * surface from the rollback and end the caller's transaction, as before.
 */
export function applyBatch<T>(state: BatchState, items: readonly T[], apply: (item: T) => void, quarantine: (item: T, error: unknown) => void): void {
  if (items.length === 0) return;
  const { db } = state;
  const counted = { ...state.stats };
  sql(db, 'SAVEPOINT batch').run();
  try {
    for (const item of items) apply(item);
    sql(db, 'RELEASE batch').run();
    return;
  } catch {
    sql(db, 'ROLLBACK TO batch').run();
    sql(db, 'RELEASE batch').run();
    rolledBack(state, counted);
  }
  for (const item of items) {
    const before = { ...state.stats };
    sql(db, 'SAVEPOINT record').run();
    try {
      apply(item);
      sql(db, 'RELEASE record').run();
    } catch (error) {
      sql(db, 'ROLLBACK TO record').run();
      sql(db, 'RELEASE record').run();
      rolledBack(state, before);
      quarantine(item, error);
    }
  }
}

function rolledBack(state: BatchState, stats: SyncStats): void {
  Object.assign(state.stats, stats);
  state.patients?.forget();
}
