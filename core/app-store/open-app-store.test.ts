import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../db/errors';
import { getSetting, setSetting } from '../settings/queries';
import { DATABASE_FILE_NAME, electronNativeBinding, openAppStore } from './open-app-store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fdb-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('electronNativeBinding', () => {
  it('points at .native/electron when the Electron build is there', () => {
    const root = path.resolve('/project');
    expect(electronNativeBinding(root, () => true)).toBe(path.join(root, '.native', 'electron', 'better_sqlite3.node'));
    expect(electronNativeBinding(root, () => false)).toBeUndefined();
  });
});

describe('openAppStore', () => {
  it('creates and seeds the database on first run only', () => {
    const dir = tempDir();
    let seeded = 0;
    const seed = (db: Database.Database): void => {
      seeded += 1;
      setSetting(db, 'practice_name', 'Seeded Practice');
    };
    const first = openAppStore({ dir, seed });
    expect(getSetting(first, 'practice_name')).toBe('Seeded Practice');
    first.close();
    const second = openAppStore({ dir, seed });
    expect(getSetting(second, 'practice_name')).toBe('Seeded Practice');
    second.close();
    expect(seeded).toBe(1);
  });

  it('creates the folder if needed', () => {
    const dir = path.join(tempDir(), 'nested', 'userData');
    openAppStore({ dir, seed: () => undefined }).close();
    expect(existsSync(path.join(dir, DATABASE_FILE_NAME))).toBe(true);
  });

  it('leaves no database behind when seeding fails, so the next run seeds again', () => {
    const dir = tempDir();
    expect(() =>
      openAppStore({
        dir,
        seed: (db) => {
          setSetting(db, 'practice_name', 'half');
          throw new Error('interrupted');
        },
      }),
    ).toThrow('interrupted');
    expect(readdirSync(dir)).toEqual([]);
    let seeded = false;
    openAppStore({ dir, seed: () => (seeded = true) }).close();
    expect(seeded).toBe(true);
  });

  it('refuses a database written by a newer app with a StoreError', () => {
    const dir = tempDir();
    const raw = new Database(path.join(dir, DATABASE_FILE_NAME));
    raw.pragma('user_version = 9999');
    raw.close();
    let caught: unknown;
    try {
      openAppStore({ dir, seed: () => undefined });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('too_new');
  });
});
