/**
 * Where the desktop app keeps its database and how it opens it. No Electron import: the caller
 * passes the folders, so this runs (and is tested) under plain Node.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connection';
import { openDatabase } from '../db/connection';

export const DATABASE_FILE_NAME = 'front-desk.sqlite';

/**
 * better-sqlite3 built for Electron's ABI, when a dev build left one in the project
 * (`.native/electron/`); undefined in a packaged app, whose node_modules electron-builder
 * already rebuilt for Electron.
 */
export function electronNativeBinding(appRoot: string, exists: (file: string) => boolean = existsSync): string | undefined {
  const file = path.join(appRoot, '.native', 'electron', 'better_sqlite3.node');
  return exists(file) ? file : undefined;
}

export interface AppStoreOptions {
  /** The folder holding the database (Electron's userData). */
  dir: string;
  nativeBinding?: string;
  /** Fills a brand-new database (first run). */
  seed: (db: Db) => void;
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/**
 * Opens the app's database; on first run creates and seeds it. Seeding writes a temporary file
 * that is renamed into place only once complete, so a first run interrupted half-way seeds again
 * next time instead of leaving a half-filled practice that would never be refilled.
 * Throws StoreError (from core) when the database cannot be used, e.g. it is from a newer app.
 */
export function openAppStore(options: AppStoreOptions): Db {
  const file = path.join(options.dir, DATABASE_FILE_NAME);
  const open = { create: true, nativeBinding: options.nativeBinding };
  if (!existsSync(file)) {
    mkdirSync(options.dir, { recursive: true });
    const staging = `${file}.new`;
    removeDatabaseFiles(staging);
    try {
      const db = openDatabase(staging, open);
      try {
        options.seed(db);
        // Fold the WAL into the main file so the rename below moves one complete file.
        db.pragma('journal_mode = DELETE');
      } finally {
        db.close();
      }
      renameSync(staging, file);
    } catch (error) {
      removeDatabaseFiles(staging);
      throw error;
    }
  }
  return openDatabase(file, open);
}
