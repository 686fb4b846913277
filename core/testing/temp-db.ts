/** Test helper: a real SQLite file in its own temp folder, removed afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreContext } from '../api/handlers';
import { fixedClock } from '../clock';
import type { Db } from '../db/connection';
import { openDatabase } from '../db/connection';
import { seedDemoPractice } from '../demo/seed';

export const TEST_TODAY = '2026-11-22';

export interface TempStore {
  dir: string;
  file: string;
  db: Db;
  ctx: CoreContext;
  cleanup(): void;
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'front-desk-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh migrated store; with `demoPatients`, seeded with the demo practice as of TEST_TODAY. */
export function tempStore(options: { demoPatients?: number; seed?: number } = {}): TempStore {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'store.sqlite');
  const db = openDatabase(file, { create: true });
  if (options.demoPatients) seedDemoPractice(db, { patients: options.demoPatients, seed: options.seed ?? 1, today: TEST_TODAY });
  return {
    dir,
    file,
    db,
    ctx: { db, clock: fixedClock(`${TEST_TODAY}T14:00:00`), host: 'browser', actor: 'test-desk', sessions: 'operator' },
    cleanup: () => {
      if (db.open) db.close();
      cleanup();
    },
  };
}
