import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreError } from './errors';
import { migrate } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file when it does not exist (the app's first run). Default: refuse. */
  create?: boolean;
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
}

/**
 * Opens a store: WAL (readers never wait for the writer), foreign keys on,
 * a busy timeout so a second process waits instead of failing, then migrates.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.create && !existsSync(file)) {
    throw new StoreError('missing', `No database at ${file}. Create one with: front-desk demo --db ${file}`);
  }
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache: imports and syncs touch large indexes; a desk computer has the memory.
    db.pragma('cache_size = -65536');
    // Savepoint and statement journals in memory, not in temporary files: a file import applies its records
    // in batches under a savepoint, which copies every page the batch touches (a few MB at most). Replaying a
    // 200,000-patient FHIR sync with a savepoint per page: 7.0 GB written to files instead of 2.6 GB, and
    // 5 s more system CPU.
    db.pragma('temp_store = MEMORY');
    // Checkpoint every 10,000 WAL pages (40 MB) instead of 1,000: the pages of large indexes that consecutive
    // sync transactions all change are copied into the database once per checkpoint, not once per commit.
    // The same replay: 6 s less CPU on the writing thread. After a checkpoint, a WAL file that one huge
    // transaction grew past 64 MiB is cut back to that size.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('journal_size_limit = 67108864');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_NOTADB') {
      throw new StoreError('not_a_database', `${file} is not a Front Desk Balances database.`);
    }
    throw error;
  }
}
