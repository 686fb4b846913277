import type { Db } from './connection';

/**
 * Runs a large one-off load (demo generation, a first import) with a big page
 * cache and no fsync per commit. Safe for a file being created: a crash leaves
 * a file to delete, never a half-right store in use. Settings are restored after.
 */
export function withBulkLoadSettings<T>(db: Db, load: () => T): T {
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144'); // 256 MiB
  try {
    return load();
  } finally {
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
