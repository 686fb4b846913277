import type { Db } from '../db/connection';
import { sql } from '../db/statements';

export const DEFAULT_PRACTICE_NAME = 'Front Desk Balances';

export function getSetting(db: Db, key: string): string | undefined {
  const row = sql(db, 'SELECT value FROM practice_settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO practice_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** The most recent successful sync from any source, as an ISO timestamp. */
export function lastSyncedAt(db: Db): string | null {
  const row = db.prepare('SELECT max(last_synced_at) AS at FROM sync_state').get() as { at: string | null };
  return row.at;
}

export function recordSync(db: Db, source: string, at: string): void {
  db.prepare(
    `INSERT INTO sync_state (source, last_synced_at) VALUES (?, ?)
     ON CONFLICT (source) DO UPDATE SET last_synced_at = excluded.last_synced_at`,
  ).run(source, at);
}
