import type { Db } from './connection';
import { StoreError } from './errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the app's schema. A database written by a newer app
 * is refused (this app would not understand it). Pending steps run in one
 * transaction: either all apply or none.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, file = db.name): number {
  const current = schemaVersion(db);
  const latest = migrations === MIGRATIONS ? LATEST_SCHEMA_VERSION : (migrations.at(-1)?.version ?? 0);
  if (current > latest) {
    throw new StoreError(
      'too_new',
      `The database ${file} was written by a newer version of Front Desk Balances (schema ${current}; this app knows up to ${latest}). Update the app; the database was not changed.`,
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  // SQLite's procedure for schema changes: foreign keys off around the transaction (it cannot be
  // switched inside one), then every reference checked before committing.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const step of pending) {
        step.up(db);
        db.pragma(`user_version = ${step.version}`);
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`The schema upgrade would leave ${broken.length} broken references; the database was not changed.`);
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys}`);
  }
  return latest;
}
