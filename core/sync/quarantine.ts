import type { Db } from '../db/connection';
import { sql } from '../db/statements';
import type { RejectedRecord } from './records';

const MAX_RAW = 10_000;

/** Keeps a record the main system sent that could not be applied, with the reason, for a manager. */
export function quarantine(db: Db, source: string, record: RejectedRecord, at: string): void {
  const raw = record.raw.length > MAX_RAW ? `${record.raw.slice(0, MAX_RAW)}… (${record.raw.length} characters)` : record.raw;
  sql(db, 'INSERT INTO quarantine (source, location, reason, raw, created_at) VALUES (?, ?, ?, ?, ?)').run(source, record.location, record.reason, raw, at);
}
