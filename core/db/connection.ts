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
