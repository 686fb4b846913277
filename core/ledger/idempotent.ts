import { ApiError } from '../../shared/errors';
import type { Db } from '../db/connection';

/**
 * Runs a write once per idempotency key, in one transaction. A replay of the
 * same key (a double click, a retry after a timeout) returns the first result
 * and writes nothing; the same key for a different kind of action is refused.
 * `patientId` is null for a write about no patient (a quarantined record resolved by a manager).
 */
export function runOnce<T>(db: Db, key: string, kind: string, patientId: number | null, at: string, write: () => T): T {
  return db.transaction(() => {
    const done = db.prepare('SELECT kind, result FROM operations WHERE idempotency_key = ?').get(key) as { kind: string; result: string } | undefined;
    if (done) {
      if (done.kind !== kind) throw new ApiError('invalid_input', `This request id was already used for a different action (${done.kind}).`);
      return JSON.parse(done.result) as T;
    }
    const result = write();
    db.prepare('INSERT INTO operations (idempotency_key, kind, patient_id, result, created_at) VALUES (?, ?, ?, ?, ?)').run(key, kind, patientId, JSON.stringify(result), at);
    return result;
  }).immediate();
}
